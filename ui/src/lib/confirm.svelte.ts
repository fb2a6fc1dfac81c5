// One in-page confirmation dialog for destructive actions, so the question
// is styled, translated and reachable by keyboard and by WebDriver alike.
interface Question {
  message: string;
  resolve: (answer: boolean) => void;
}

let open = $state<Question | null>(null);

export const confirmation = {
  get question(): Question | null {
    return open;
  },
  answer(yes: boolean): void {
    open?.resolve(yes);
    open = null;
  },
};

export function ask(message: string): Promise<boolean> {
  return new Promise((resolve) => {
    open = { message, resolve };
  });
}
