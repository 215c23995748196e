/**
 * Where the faults tell the human that a second worker is up beside the first, so
 * an answer to that step's wait comes with both processes running (two concurrent
 * resumes from two processes). Keyed by the step the second-worker fault names.
 */
export class SecondWorkers {
  private readonly waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();

  private entry(step: string) {
    let e = this.waiting.get(step);
    if (!e) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      e = { promise, resolve };
      this.waiting.set(step, e);
    }
    return e;
  }

  readonly up = (step: string): void => this.entry(step).resolve();
  readonly whenUp = (step: string): Promise<void> => this.entry(step).promise;
}
