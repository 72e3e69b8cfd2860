import { frozenCopy } from "./deep-freeze.js";

/**
 * The memory store's transactions: they run one at a time (full isolation) and keep an undo
 * log, so a transaction that throws leaves no trace. The log is flat: each step is a function
 * and its two arguments, so logging a write allocates nothing (a sync logs ten thousand of them).
 */
export class UndoLog {
  #steps: unknown[] | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Runs `body` after every transaction begun before it, undoing its writes if it throws. */
  run<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(body));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(body: () => Promise<T>): Promise<T> {
    const steps: unknown[] = [];
    this.#steps = steps;
    try {
      return await body();
    } catch (error) {
      for (let i = steps.length - 3; i >= 0; i -= 3) {
        (steps[i] as (a: unknown, b: unknown) => void).call(this, steps[i + 1], steps[i + 2]);
      }
      throw error;
    } finally {
      this.#steps = null;
    }
  }

  /** The running transaction's log, to push many steps without a call per step. */
  steps(): unknown[] {
    if (this.#steps === null) throw new Error("memory store written outside a transaction");
    return this.#steps;
  }

  /** Logs `undo(a, b)` to run if the transaction fails. */
  record<A, B>(undo: (a: A, b: B) => void, a: A, b: B): void {
    this.steps().push(undo, a, b);
  }

  /** Moves a record from `prev` to `next` with `apply`, and logs the move back. */
  write<T>(
    apply: (prev: T | undefined, next: T | undefined) => void,
    prev: T | undefined,
    next: T | undefined,
    copy: (next: T, prev: T | undefined) => T = frozenCopy,
  ): void {
    const steps = this.steps();
    const stored = next === undefined ? undefined : copy(next, prev);
    apply(prev, stored);
    steps.push(apply, stored, prev);
  }
}
