// Dutch, the app's first language. Every key here must exist in en.ts too;
// the type-check fails otherwise.
export const nl = {
  "app.title": "Taskforce Secretariaat",
  "app.subtitle": "Task Force Aanpak Mensenhandel",
  "nav.term": "Termijn",
  "nav.label": "Hoofdnavigatie",
  "lang.switch": "English",
  "lang.label": "Taal",
  "db.problem.title": "De database kan niet worden geopend",
  "db.problem.path": "Bestand",
  "db.problem.hint": "Er is niets aan het bestand veranderd. Werk de app bij of neem contact op met de beheerder.",
  "welcome.title": "Welkom bij Taskforce Secretariaat",
  "welcome.body":
    "Er is nog geen termijn vastgelegd. Begin met de 5e termijn (1 maart 2020 tot 1 maart 2023) en de 21 leden uit het instellingsbesluit.",
  "welcome.start": "Begin met de 5e termijn en haar 21 leden",
  "welcome.busy": "Bezig met vastleggen…",
  "term.heading": "Termijn {number}",
  "term.period": "{start} tot en met {end}",
  "term.goals": "Doelen",
  "members.heading": "Leden",
  "members.count": "{count} zetels",
  "members.organisation": "Organisatie",
  "members.role": "Functie",
  "members.person": "Naam",
  "members.chair": "Voorzitter",
  "members.empty": "Deze termijn heeft nog geen leden. Importeer de ledenlijst uit het instellingsbesluit.",
  "import.heading": "Leden importeren",
  "import.file": "Bestand kiezen (tekst of CSV)…",
  "import.paste.label": "Of plak de ledenlijst (één lid per regel: Organisatie, functie;)",
  "import.paste.preview": "Voorbeeld tonen",
  "import.preview.heading": "Voorbeeld: {count} leden",
  "import.preview.confirm": "Importeren",
  "import.preview.cancel": "Annuleren",
  "import.done": "{added} leden toegevoegd, {present} waren er al.",
  "error.generic": "Er ging iets mis",
} as const;

export type Key = keyof typeof nl;
