// The files last dropped on the window, as their names. Rust keeps the
// paths (the webview never sees them); every section that can take a drop
// (the documents, the meeting's replies) offers it from here, and the one
// the user picks takes it, so the others stop offering.
import { listen } from "@tauri-apps/api/event";

export const dropped = $state({ names: [] as string[] });

let listening = false;

/** Starts listening for drops once, whoever asks first. */
export function listenForDrops(): void {
  if (listening) return;
  listening = true;
  void listen<string[]>("documents-dropped", (event) => (dropped.names = event.payload));
}

/** The drop is taken (or dismissed): no section offers it any more. */
export function clearDropped(): void {
  dropped.names = [];
}

/** Whether the drop holds calendar replies (.eml, .ics). */
export function droppedReplies(): boolean {
  return dropped.names.some((n) => /\.(eml|ics)$/i.test(n));
}
