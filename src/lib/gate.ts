// At most `limit` of a kind of heavy work at once in this process; the others wait their turn, first come first
// served. Used for the exports: ten national downloads at once held ten full renders (rows, XML, zip buffers) and
// queued every page behind their batches (bench/notes/mem.md).
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}

  /** Run `work` once a place is free; the place is given to the next waiting caller when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Callers running and waiting (for tests and logs). */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }
}
