// Runtime-switchable language: Dutch first, English second. Dates and times
// are shown in Amsterdam time, written the way each language writes them
// (`dinsdag 14 maart 2023, 14.00 uur`).
import { nl, type Key } from "./nl";
import { en } from "./en";

export type Lang = "nl" | "en";
export type { Key };
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

const locale = () => (current === "nl" ? "nl-NL" : "en-GB");

// Making an Intl.DateTimeFormat costs far more than formatting with one, and
// a list formats a date per row: each format is made once per locale.
const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
const LONG_DAY: Intl.DateTimeFormatOptions = { ...LONG_DATE, timeZone: "Europe/Amsterdam" };
const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/Amsterdam" };
const PARTS: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit", ...CLOCK };
const formats = new Map<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();

function format(options: Intl.DateTimeFormatOptions, localeName: string): Intl.DateTimeFormat {
  let byLocale = formats.get(options);
  if (!byLocale) formats.set(options, (byLocale = new Map()));
  let made = byLocale.get(localeName);
  if (!made) byLocale.set(localeName, (made = new Intl.DateTimeFormat(localeName, options)));
  return made;
}

/** `2023-03-14` → `dinsdag 14 maart 2023`. */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return format(LONG_DATE, locale()).format(date);
}

/** A UTC instant as Amsterdam date and time: `dinsdag 14 maart 2023, 14.00 uur`. */
export function longDateTime(instant: string): string {
  const day = format(LONG_DAY, locale()).format(new Date(instant));
  const time = clock(instant);
  return current === "nl" ? `${day}, ${time} uur` : `${day}, ${time}`;
}

/** `14.00` (Dutch) or `14:00` (English), Amsterdam time. */
export function clock(instant: string): string {
  const parts = format(CLOCK, "en-GB").formatToParts(new Date(instant));
  const hour = parts.find((p) => p.type === "hour")?.value ?? "00";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "00";
  return current === "nl" ? `${hour}.${minute}` : `${hour}:${minute}`;
}

/** Amsterdam calendar date and wall-clock time of an instant, for form fields. */
export function localParts(instant: string): { date: string; time: string } {
  const parts = format(PARTS, "en-CA").formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

/** How a date is typed in the current language. */
export function datePlaceholder(): string {
  return current === "nl" ? "dd-mm-jjjj" : "dd/mm/yyyy";
}

export function timePlaceholder(): string {
  return current === "nl" ? "uu.mm" : "hh:mm";
}

/** `2023-03-14` → `14-03-2023` (Dutch) or `14/03/2023` (English), for a date field. */
export function dateInput(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const [y, m, d] = isoDate.split("-");
  return current === "nl" ? `${d}-${m}-${y}` : `${d}/${m}/${y}`;
}

/** `14:00` → `14.00` in Dutch, for a time field. */
export function timeInput(time: string): string {
  return current === "nl" ? time.replace(":", ".") : time.replace(".", ":");
}
