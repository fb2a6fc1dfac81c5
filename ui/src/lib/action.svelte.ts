// Runs a user action: shows "busy", keeps the core's error for the form (so
// the message can appear next to its field), never throws into the UI.
import { AppError, type Field } from "./ipc";
import { t } from "./i18n/index.svelte";

export class Task {
  busy = $state(false);
  error = $state<AppError | null>(null);
  notice = $state<string | null>(null);

  async run(action: () => Promise<void>, notice: string | null = null): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      await action();
      // An action may have set its own notice; a given one wins.
      if (notice !== null) this.notice = notice;
      return true;
    } catch (e) {
      this.error = e instanceof AppError ? e : new AppError("Internal", t("error.generic"), null);
      if (!(e instanceof AppError)) console.error(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The error message unless one of `fields` shows it next to its input. */
  other(...fields: Field[]): string | null {
    if (!this.error) return null;
    return this.error.field && fields.includes(this.error.field) ? null : this.error.message;
  }
}

/**
 * Saves over a record the form showed at a revision: when a colleague saved
 * it meanwhile the core refuses (`Conflict`, naming who and when); then
 * `reload` shows their version beside the form, which keeps what was typed.
 */
export async function saveShown<T>(save: Promise<T>, reload: () => Promise<void>): Promise<T> {
  try {
    return await save;
  } catch (error) {
    if (error instanceof AppError && error.code === "Conflict") await reload();
    throw error;
  }
}
