import type { DataSource } from 'typeorm';

/** The SQL of the login_failure table (sign-in throttling counters, keyed by keyed hashes). */
export const loginFailuresRepository = {
  /** Counts one failure-to-be for each key within its window (a passed window starts afresh); answers the counts. */
  count(dataSource: DataSource, keys: string[], windowSeconds: number): Promise<{ key: string; failures: number }[]> {
    return dataSource.query<{ key: string; failures: number }[]>(
      `INSERT INTO login_failure (key, failures, window_started_at)
       SELECT key, 1, now() FROM unnest($1::varchar[]) AS key
       ON CONFLICT (key) DO UPDATE
         SET failures = CASE WHEN login_failure.window_started_at > now() - make_interval(secs => $2) THEN login_failure.failures + 1 ELSE 1 END,
             window_started_at = CASE WHEN login_failure.window_started_at > now() - make_interval(secs => $2) THEN login_failure.window_started_at ELSE now() END
       RETURNING key, failures`,
      [keys, windowSeconds],
    );
  },

  /** Drops the account's counter and gives the address its attempt back. */
  async succeeded(dataSource: DataSource, account: string, address: string): Promise<void> {
    await dataSource.query(
      `WITH cleared AS (DELETE FROM login_failure WHERE key = $1)
       UPDATE login_failure SET failures = greatest(failures - 1, 0) WHERE key = $2`,
      [account, address],
    );
  },

  async forgetExpired(dataSource: DataSource, windowSeconds: number): Promise<void> {
    await dataSource.query(`DELETE FROM login_failure WHERE window_started_at < now() - make_interval(secs => $1)`, [
      windowSeconds,
    ]);
  },
};
