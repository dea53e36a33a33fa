import type { RedisOptions } from 'bullmq';

/**
 * BullMQ's Redis connection. Workers keep blocking connections, so commands wait for a reconnect instead of
 * failing (maxRetriesPerRequest: null); reconnects back off up to five seconds.
 */
export function redisConnectionOptions(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(attempt * 200, 5000) };
}
