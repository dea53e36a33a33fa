import { Logger } from '@nestjs/common';
import { Processor, Worker } from 'bullmq';
import { databaseUnavailableReason, OutageNotice } from '../database/database-unavailable';

/** How long a queue rests after a job found the database down. */
const OUTAGE_PAUSE_MS = 1000;

/**
 * Wraps a queue's processor: a job that fails because the database is down goes back to waiting, its attempts
 * untouched, and the queue rests for a moment before the next one (BullMQ's manual rate limit). No retry budget is
 * spent on an outage, no job fails, and work resumes within about a second of the database's return. One warning
 * per outage (per queue).
 */
export function waitingOutDatabaseOutages(
  queue: string,
  processor: Processor,
  worker: () => Worker,
  logger: Logger,
): Processor {
  const outage = new OutageNotice();
  return async (job, token, signal) => {
    try {
      return (await processor(job, token, signal)) as unknown;
    } catch (error) {
      const reason = databaseUnavailableReason(error);
      if (!reason) {
        throw error;
      }
      if (outage.failed()) {
        logger.warn(`${queue} jobs wait: the database is unavailable (${reason})`);
      }
      await worker().rateLimit(OUTAGE_PAUSE_MS);
      throw Worker.RateLimitError();
    }
  };
}
