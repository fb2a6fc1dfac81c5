// Long lists paint their first screenful at once and the rest just after.
// Building a hundred rows with their controls takes WebKit longer than the
// 50 ms a click may take to show its first rows (docs/design.md §6); the rows
// below the fold can come a frame later without anyone seeing the seam.

/** About what a window shows of a list; more only costs time to first paint. */
const FIRST = 25;

export class Screenful {
  #limit = $state(Infinity);
  #round = 0;

  /** New rows arrived: show the first screenful now, all of them once that has painted. */
  restart(): void {
    const round = ++this.#round;
    this.#limit = FIRST;
    // The animation frame comes before the paint; the task queued from it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (round === this.#round) this.#limit = Infinity;
      }, 0),
    );
  }

  /** The rows to render now. */
  of<T>(rows: T[]): T[] {
    return rows.length > this.#limit ? rows.slice(0, this.#limit) : rows;
  }
}
