// The one place the UI talks to the Rust side. Wraps the generated bindings:
// a call either returns its data or throws an `AppError` with the core's
// error code, message and field.
import { commands } from "./bindings";
import type { ErrorCode, Field, Message } from "./bindings";
import { renderMessage } from "./i18n/messages";
import { afterCall } from "./undo.svelte";

export type * from "./bindings";
// The values of the core's code lists, in the core's order.
export {
  ACTION_STATUSES,
  AGENDA_ITEM_KINDS,
  ATTENDANCE_STATUSES,
  AUDIT_ACTIONS,
  DOCUMENT_KINDS,
  EXPLOITATION_FORMS,
  HIT_KINDS,
  INVITATION_STATUSES,
  REPLIES,
  SEAT_TYPES,
  SUBJECT_KINDS,
  SUBJECT_STATUSES,
} from "./bindings";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: Field | null;

  /** `detail` is the core's message, or a text of the UI's own. */
  constructor(code: ErrorCode, detail: Message | string, field: Field | null) {
    super();
    this.code = code;
    this.field = field;
    // Rendered when read, so a shown error follows a language switch. The
    // core writes messages to follow "fout: " on a command line; on screen
    // they start a sentence.
    Object.defineProperty(this, "message", {
      get: () => {
        const text = typeof detail === "string" ? detail : renderMessage(detail);
        return text.charAt(0).toUpperCase() + text.slice(1);
      },
    });
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: { code: ErrorCode; message: Message; field?: Field | null } };

async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const outcome = await call;
  if (outcome.status === "ok") return outcome.data;
  const { code, message, field } = outcome.error;
  throw new AppError(code, message, field ?? null);
}

type Commands = typeof commands;
type Unwrapped = {
  [K in keyof Commands]: (
    ...args: Parameters<Commands[K]>
  ) => Promise<Awaited<ReturnType<Commands[K]>> extends Outcome<infer T> ? T : never>;
};

/** Every command, returning its data or throwing an `AppError`. */
export const ipc = new Proxy({} as Unwrapped, {
  get(_target, name: string) {
    const command = (commands as Record<string, (...args: unknown[]) => Promise<Outcome<unknown>>>)[name];
    if (!command) throw new Error(`unknown command ${name}`);
    return (...args: unknown[]) => {
      const result = unwrap(command(...args));
      // Whether it changed anything is the core's to say: undo asks it.
      void result.finally(() => afterCall(name)).catch(() => undefined);
      return result;
    };
  },
});
