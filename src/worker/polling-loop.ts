import { Logger } from '@nestjs/common';

/**
 * Runs a task every `intervalMs`, never two runs at once (the next waits for the last to end). Failures are
 * logged, at most once a minute per loop, and the loop carries on: the database remains the truth.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private lastErrorLoggedAt = 0;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling; waits up to `graceMs` for a run in progress (one stuck on an unreachable backend is abandoned). */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.current) {
      await Promise.race([this.current, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.current = this.runOnce().finally(() => {
        this.current = undefined;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    try {
      await this.task();
    } catch (error) {
      if (Date.now() - this.lastErrorLoggedAt < 60_000) {
        return;
      }
      this.lastErrorLoggedAt = Date.now();
      this.logger.error(`${this.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
