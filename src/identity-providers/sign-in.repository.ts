import type { EntityManager } from 'typeorm';

export interface PendingSignIn {
  providerId: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  live: boolean;
}

/** A browser's sign-in in progress, kept by the hash of its state; expired ones are dropped meanwhile. */
export async function savePendingSignIn(
  manager: EntityManager,
  stateHash: Buffer,
  pending: Omit<PendingSignIn, 'live'>,
  ttlSeconds: number,
): Promise<void> {
  await manager.query(
    `WITH dropped AS (DELETE FROM oidc_sign_in WHERE expires_at < now() - interval '1 hour')
     INSERT INTO oidc_sign_in (state_hash, provider_id, code_verifier, nonce, return_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
    [stateHash, pending.providerId, pending.codeVerifier, pending.nonce, pending.returnTo, ttlSeconds],
  );
}

/**
 * Takes a pending sign-in (once: it is deleted); `live` is false when it had expired. (A SELECT over the deleted rows:
 * TypeORM answers a bare DELETE … RETURNING with [rows, count].)
 */
export async function takePendingSignIn(manager: EntityManager, stateHash: Buffer): Promise<PendingSignIn | null> {
  const [row] = await manager.query<
    { provider_id: string; code_verifier: string; nonce: string; return_to: string; live: boolean }[]
  >(
    `WITH taken AS (DELETE FROM oidc_sign_in WHERE state_hash = $1 RETURNING *)
     SELECT provider_id, code_verifier, nonce, return_to, expires_at > now() AS live FROM taken`,
    [stateHash],
  );
  return row
    ? {
        providerId: row.provider_id,
        codeVerifier: row.code_verifier,
        nonce: row.nonce,
        returnTo: row.return_to,
        live: row.live,
      }
    : null;
}

export async function saveSignInCode(
  manager: EntityManager,
  codeHash: Buffer,
  userId: string,
  ttlSeconds: number,
): Promise<void> {
  await manager.query(
    `WITH dropped AS (DELETE FROM sign_in_code WHERE expires_at < now())
     INSERT INTO sign_in_code (code_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [codeHash, userId, ttlSeconds],
  );
}

/** Redeems a sign-in code once: the account it was issued for, or null when unknown, used or expired. */
export async function takeSignInCode(manager: EntityManager, codeHash: Buffer): Promise<string | null> {
  const [row] = await manager.query<{ user_id: string; live: boolean }[]>(
    `WITH taken AS (DELETE FROM sign_in_code WHERE code_hash = $1 RETURNING *)
     SELECT user_id, expires_at > now() AS live FROM taken`,
    [codeHash],
  );
  return row?.live ? row.user_id : null;
}
