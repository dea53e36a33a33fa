import { Logger } from '@nestjs/common';
import { databaseUnavailableReason } from '../database/database-unavailable';

/** The longest a failing loop waits between runs (unless its interval is longer): it sees the backend return soon. */
const BACKOFF_CAP_MS = 2000;
const ERROR_LOG_EVERY_MS = 60_000;

/**
 * Runs a task every `intervalMs`, never two runs at once (the next waits for the last to end). The loop carries on
 * through failures, the database remaining the truth: after failed runs it waits twice as long each time (up to
 * `BACKOFF_CAP_MS`), warns once when the database becomes unavailable and says when it resumes; other failures are
 * logged at most once a minute.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private lastErrorLoggedAt = 0;
  private failures = 0;

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

  /** The wait before the next run: the interval, doubled for each failure in a row, capped. */
  nextDelayMs(): number {
    if (this.failures === 0) {
      return this.intervalMs;
    }
    const cap = Math.max(this.intervalMs, BACKOFF_CAP_MS);
    return Math.min(this.intervalMs * 2 ** Math.min(this.failures, 16), cap);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.current = this.runOnce().finally(() => {
        this.current = undefined;
        this.schedule(this.nextDelayMs());
      });
    }, delayMs);
  }

  /** One run; public for the loop's spec. */
  async runOnce(): Promise<void> {
    try {
      await this.task();
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.failures > 0) {
      this.logger.log(`${this.name} resumed after ${this.failures} failed runs`);
    }
    this.failures = 0;
  }

  private failed(error: unknown): void {
    this.failures += 1;
    const reason = databaseUnavailableReason(error);
    if (reason) {
      if (this.failures === 1) {
        this.logger.warn(`${this.name} paused: the database is unavailable (${reason}); retrying`);
      }
      return;
    }
    if (Date.now() - this.lastErrorLoggedAt < ERROR_LOG_EVERY_MS) {
      return;
    }
    this.lastErrorLoggedAt = Date.now();
    this.logger.error(`${this.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
