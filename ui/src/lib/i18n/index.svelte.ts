// Runtime-switchable language: Dutch first, English second. Dates are shown
// in the chosen language's long form (`dinsdag 14 maart 2023`).
import { nl, type Key } from "./nl";
import { en } from "./en";

export type Lang = "nl" | "en";
const dictionaries: Record<Lang, Record<Key, string>> = { nl, en };

const stored = typeof localStorage !== "undefined" ? localStorage.getItem("lang") : null;
let current = $state<Lang>(stored === "en" ? "en" : "nl");

export const i18n = {
  get lang(): Lang {
    return current;
  },
  set lang(value: Lang) {
    current = value;
    localStorage.setItem("lang", value);
    document.documentElement.lang = value;
  },
};

/** The text for `key` in the current language, with `{name}` filled in. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** `2023-03-14` → `dinsdag 14 maart 2023` (or English). */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(current === "nl" ? "nl-NL" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}
