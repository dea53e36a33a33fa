import type { EntityManager } from 'typeorm';

/** The SQL of the password_reset table. Every function runs on the manager it is given. */
export const passwordResetsRepository = {
  /** The user's one pending reset, replacing any earlier one (a new id), valid for `ttlSeconds`. */
  async replace(
    manager: EntityManager,
    reset: { userId: string; tokenHash: Buffer; issuedBy: string; ttlSeconds: number },
  ): Promise<{ id: string; expires_at: Date }> {
    const [row] = await manager.query<{ id: string; expires_at: Date }[]>(
      `INSERT INTO password_reset (user_id, token_hash, issued_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (user_id) DO UPDATE
         SET id = gen_random_uuid(), token_hash = EXCLUDED.token_hash, issued_by = EXCLUDED.issued_by, issued_at = now(), expires_at = EXCLUDED.expires_at
       RETURNING id, expires_at`,
      [reset.userId, reset.tokenHash, reset.issuedBy, reset.ttlSeconds],
    );
    return row;
  },

  /** Whether a reset with this token hash is live (read before any password hashing). */
  async isLive(manager: EntityManager, tokenHash: Buffer): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM password_reset WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
    return rows.length > 0;
  },

  /** Deletes the live reset with this token hash, answering it; undefined when there is none. */
  async redeem(manager: EntityManager, tokenHash: Buffer): Promise<{ id: string; user_id: string } | undefined> {
    const [reset] = await manager.query<{ id: string; user_id: string }[]>(
      `WITH redeemed AS (DELETE FROM password_reset WHERE token_hash = $1 AND expires_at > now() RETURNING id, user_id) SELECT id, user_id FROM redeemed`,
      [tokenHash],
    );
    return reset;
  },
};
