import type { EntityManager } from 'typeorm';

export type SessionMethod = 'password' | 'oidc';

/** Opens a session for a token about to be issued; expired sessions of the same account are dropped meanwhile. */
export async function openSession(
  manager: EntityManager,
  userId: string,
  method: SessionMethod,
  ttlSeconds: number,
): Promise<string> {
  const [row] = await manager.query<{ id: string }[]>(
    `WITH dropped AS (DELETE FROM user_session WHERE user_id = $1 AND expires_at < now())
     INSERT INTO user_session (user_id, method, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
    [userId, method, ttlSeconds],
  );
  return row.id;
}

/**
 * Ends one live session of the account; false when it had already ended. (A SELECT over the updated rows: TypeORM
 * answers a bare UPDATE … RETURNING with [rows, count].)
 */
export async function endSession(manager: EntityManager, userId: string, sessionId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `WITH ended AS (UPDATE user_session SET ended_at = now() WHERE id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id)
     SELECT id FROM ended`,
    [sessionId, userId],
  );
  return rows.length > 0;
}

/** Ends every live session of the account; returns how many there were. */
export async function endAllSessions(manager: EntityManager, userId: string): Promise<number> {
  const rows = await manager.query<unknown[]>(
    `WITH ended AS (UPDATE user_session SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() RETURNING id)
     SELECT id FROM ended`,
    [userId],
  );
  return rows.length;
}
