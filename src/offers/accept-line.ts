/** What the accepts in one vacancy's line know once one of them has committed. */
export interface AcceptLineState {
  /** The offer whose accept this process committed while the others waited; null while nobody has. */
  wonBy: string | null;
}

interface Line extends AcceptLineState {
  tail: Promise<unknown>;
  waiting: number;
}

/**
 * Accepts of one vacancy that reach this process at the same moment (an SMS wave clicked at once) take
 * their turn here, one at a time, instead of each holding a database connection while it waits for the
 * vacancy's row lock. The vacancy's lock stays the judge: this only orders who asks it. What the line adds
 * is that once one accept has committed, everyone still waiting in it can be told that the vacancy is taken
 * without asking the database at all; that is true of the moment they were answered, so it is no guess. The
 * line is forgotten as soon as nobody waits in it: a vacancy filled, cancelled and offered again starts a
 * new one.
 */
export class AcceptLines {
  private readonly lines = new Map<string, Line>();

  join<T>(vacancyId: string, work: (line: AcceptLineState) => Promise<T>): Promise<T> {
    const line = this.lines.get(vacancyId) ?? this.open(vacancyId);
    line.waiting++;
    // The turn starts in the caller's own async context (its request's scope), whatever ran before it.
    const turn = line.tail.then(() => work(line));
    line.tail = turn.then(
      () => this.leave(vacancyId, line),
      () => this.leave(vacancyId, line),
    );
    return turn;
  }

  /** Vacancies with someone waiting (for tests). */
  get size(): number {
    return this.lines.size;
  }

  private open(vacancyId: string): Line {
    const line: Line = { tail: Promise.resolve(), waiting: 0, wonBy: null };
    this.lines.set(vacancyId, line);
    return line;
  }

  private leave(vacancyId: string, line: Line): void {
    if (--line.waiting === 0 && this.lines.get(vacancyId) === line) this.lines.delete(vacancyId);
  }
}
