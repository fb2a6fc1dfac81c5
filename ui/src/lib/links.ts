// Links in text the app renders (the minutes' Markdown) never navigate the
// window: a click asks first, showing the address, and the system browser or
// mail program opens it through Rust.
import { ipc } from "./ipc";
import { ask } from "./confirm.svelte";
import { t } from "./i18n/index.svelte";

export async function openLinkFrom(event: MouseEvent): Promise<void> {
  const link = (event.target as Element | null)?.closest("a[href]");
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute("href") ?? "";
  if (await ask(t("links.open.confirm", { url: href }))) await ipc.openLink(href);
}
