// Undo of the session's last changes. The core keeps the list and does the
// undoing; this module only notices that a call left a new step on it (the
// count of steps went up), offers "Ongedaan maken" for it, and takes the
// newest step back on request (the button or Ctrl+Z).
import { commands } from "./bindings";

export const undo = $state({
  /** Steps the core can take back. */
  steps: 0,
  /** The notice under the screen: after a change, or after an undo. */
  notice: null as "changed" | "undone" | null,
  /** The core's refusal of an undo, shown in the notice. */
  error: null as import("./bindings").Message | null,
  /** Raised after an undo so the screen loads its data again. */
  generation: 0,
  busy: false,
});

let pending: ReturnType<typeof setTimeout> | undefined;
let hide: ReturnType<typeof setTimeout> | undefined;

/** Called by `ipc` after every command: looks once the calls settle. */
export function afterCall(name: string): void {
  if (name === "undoOffer" || name === "undoLast") return;
  clearTimeout(pending);
  pending = setTimeout(() => void refresh(true), 40);
}

async function refresh(announce: boolean): Promise<void> {
  const offer = await commands.undoOffer();
  if (offer.status !== "ok") return;
  const steps = offer.data?.steps ?? 0;
  if (announce && steps > undo.steps) show("changed");
  else if (steps === 0 && undo.notice === "changed") undo.notice = null;
  undo.steps = steps;
}

function show(notice: "changed" | "undone"): void {
  undo.notice = notice;
  undo.error = null;
  clearTimeout(hide);
  hide = setTimeout(() => (undo.notice = null), 20000);
}

/** Takes back the newest step; the screen then loads anew. */
export async function undoLast(): Promise<void> {
  if (undo.busy || undo.steps === 0) return;
  undo.busy = true;
  try {
    const outcome = await commands.undoLast();
    if (outcome.status === "ok") {
      show("undone");
      undo.generation += 1;
    } else {
      show("undone");
      undo.error = outcome.error.message;
    }
  } finally {
    undo.busy = false;
    await refresh(false);
  }
}

export function dismiss(): void {
  undo.notice = null;
  undo.error = null;
}
