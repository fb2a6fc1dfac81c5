// Links in text the app renders (the minutes' Markdown) never navigate the
// window: a click hands the address to Rust, which asks the user in a dialog
// of the system's own (showing the address) before the system browser or
// mail program opens it.
import { ipc } from "./ipc";

export async function openLinkFrom(event: MouseEvent): Promise<void> {
  const link = (event.target as Element | null)?.closest("a[href]");
  if (!link) return;
  event.preventDefault();
  await ipc.openLink(link.getAttribute("href") ?? "");
}
