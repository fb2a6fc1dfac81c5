// Hash routes (`#/meeting/12`): the app is one page loaded from disk, and
// the hash keeps the current screen across a reload. Navigation goes through
// `go`, which asks before leaving a form with unsaved changes.
import { ask } from "./confirm.svelte";
import { t } from "./i18n/index.svelte";

export type Screen =
  | "overview"
  | "term"
  | "subjects"
  | "planner"
  | "meeting"
  | "partners"
  | "actions"
  | "search"
  | "settings";

export interface Route {
  screen: Screen;
  id: number | null;
  /** A screen's named view, e.g. `#/actions/overdue`: the action list filtered. */
  view: string | null;
}

const screens: Screen[] = [
  "overview",
  "term",
  "subjects",
  "planner",
  "meeting",
  "partners",
  "actions",
  "search",
  "settings",
];

function parse(hash: string): Route {
  const [, name, id] = hash.replace(/^#/, "").split("/");
  const screen = screens.find((s) => s === name) ?? "overview";
  const number = Number(id);
  const isId = Number.isInteger(number) && number > 0;
  return { screen, id: isId ? number : null, view: !isId && id ? id : null };
}

let current = $state<Route>(parse(location.hash));
let dirtyForms = $state(0);
let lastMeeting = $state<number | null>(null);

window.addEventListener("hashchange", () => {
  current = parse(location.hash);
  if (current.screen === "meeting" && current.id) lastMeeting = current.id;
});

export const router = {
  get route(): Route {
    return current;
  },
  /** The meeting last opened, for the navigation's "Bijeenkomst" entry. */
  get lastMeeting(): number | null {
    return lastMeeting;
  },
};

/** A form reports unsaved changes with `markDirty(true)` and clears them on save. */
export function markDirty(dirty: boolean): void {
  dirtyForms = Math.max(0, dirtyForms + (dirty ? 1 : -1));
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms > 0;
}

/** The hash of a route, as `parse` reads it back: `#/meeting/12`, `#/actions/overdue`. */
export function hash(screen: Screen, id: number | null = null, view: string | null = null): string {
  const tail = id ?? view;
  return tail ? `#/${screen}/${tail}` : `#/${screen}`;
}

export async function go(screen: Screen, id: number | null = null, view: string | null = null): Promise<void> {
  if (dirtyForms > 0 && !(await ask(t("common.unsaved")))) return;
  dirtyForms = 0;
  if (screen === "meeting" && id) lastMeeting = id;
  location.hash = hash(screen, id, view);
}
