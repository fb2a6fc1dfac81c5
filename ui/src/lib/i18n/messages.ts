// The core's messages — errors from the store, the rules and the shell — are
// a key with typed parameters. They are rendered here from the same nl/en
// dictionaries the CLI and the shell use (crates/core/messages), so the
// English UI never shows a Dutch sentence and each language writes dates its
// own way.
import nlJson from "../../../../crates/core/messages/nl.json";
import enJson from "../../../../crates/core/messages/en.json";
import type { Message, MessageKey, Param } from "../bindings";
import { i18n, longDate } from "./index.svelte";
import { nameOf } from "./labels";

// Typed over the generated key list: a key the core can send but a
// dictionary lacks fails the type check.
const nl: Record<MessageKey, string> & Record<string, string> = nlJson;
const en: Record<MessageKey, string> & Record<string, string> = enJson;

function param(value: Param): string {
  switch (value.type) {
    default:
      return "";
    case "text":
      return value.value;
    case "number":
      return String(value.value);
    case "date":
      return longDate(value.value);
    case "label":
      return nameOf(value.value.set, value.value.code);
    case "list":
      return value.value.map(param).join(", ");
    case "message":
      return renderMessage(value.value);
  }
}

/** The sentence for `message` in the current language. */
export function renderMessage(message: Message): string {
  const template = (i18n.lang === "nl" ? nl : en)[message.key] ?? message.key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = message.params[name];
    return value === undefined ? whole : param(value);
  });
}
