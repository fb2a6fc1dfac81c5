// Which term the term screen, the planner and the action list show. Empty
// until the user picks one: then the core's current term (the one covering
// today) is shown. Shared, so switching on one screen carries to the others.
let chosen = $state<number | null>(null);

export const termChoice = {
  get number(): number | null {
    return chosen;
  },
  set number(value: number | null) {
    chosen = value;
  },
};
