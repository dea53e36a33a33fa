export interface MicroBatcherOptions {
  /** Most items handed to one run. */
  maxSize: number;
  /** How long the first item of a batch waits for company. */
  maxWaitMs: number;
  /** Most runs at once; items arriving meanwhile form the next batch. */
  maxConcurrent: number;
}

interface Waiting<T, R> {
  item: T;
  /** When it was submitted. */
  at: number;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Gathers items submitted one by one (one per queue job) into batches handled by one run (one database
 * transaction). When a batch fails, each of its items runs again on its own, so one bad item fails only
 * its own job.
 */
export class MicroBatcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly options: MicroBatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, at: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is waiting or running. */
  drained(): Promise<void> {
    if (this.waiting.length === 0 && this.running === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Runs a batch once it is full or its first item has waited maxWaitMs, and a slot is free. */
  private schedule(): void {
    if (this.waiting.length === 0) {
      return;
    }
    const waitedMs = Date.now() - this.waiting[0].at;
    if (this.waiting.length >= this.options.maxSize || waitedMs >= this.options.maxWaitMs) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs - waitedMs);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.waiting.length > 0 && this.running < this.options.maxConcurrent) {
      const batch = this.waiting.splice(0, this.options.maxSize);
      this.running += 1;
      void this.execute(batch).finally(() => {
        this.running -= 1;
        this.schedule();
        if (this.waiting.length === 0 && this.running === 0) {
          this.idle.splice(0).forEach((resolve) => resolve());
        }
      });
    }
  }

  private async execute(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]));
    } catch (error) {
      if (batch.length === 1) {
        return batch[0].reject(error);
      }
      for (const entry of batch) {
        await this.execute([entry]);
      }
    }
  }
}
