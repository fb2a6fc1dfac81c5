// One in-page dialog for questions — a confirmation of a destructive action,
// or a short text such as the reason for a correction — so the question is
// styled, translated and reachable by keyboard and by WebDriver alike (the
// browser's own confirm/prompt are none of these).
interface Question {
  message: string;
  /** The label of the text field, for a question that wants a text. */
  inputLabel: string | null;
  resolve: (answer: string | null) => void;
}

let open = $state<Question | null>(null);

export const confirmation = {
  get question(): Question | null {
    return open;
  },
  /** `text` is the typed answer; `null` means no (cancel, Escape). */
  answer(text: string | null): void {
    open?.resolve(text);
    open = null;
  },
};

export function ask(message: string): Promise<boolean> {
  return new Promise((resolve) => {
    open = { message, inputLabel: null, resolve: (answer) => resolve(answer !== null) };
  });
}

/** Asks for a short text; `null` when the user cancels. */
export function askText(message: string, inputLabel: string): Promise<string | null> {
  return new Promise((resolve) => {
    open = { message, inputLabel, resolve: (answer) => resolve(answer?.trim() || null) };
  });
}
