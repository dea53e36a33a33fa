import type { EntityManager } from 'typeorm';

/**
 * Runs `work` inside a savepoint of the manager's transaction and always rolls it back: what the work would do is
 * tried (a refusal surfaces as its error) and then undone, the transaction going on as before.
 */
export async function triedAndRolledBack(
  manager: EntityManager,
  name: string,
  work: () => Promise<void>,
): Promise<void> {
  await manager.query(`SAVEPOINT ${name}`);
  try {
    await work();
  } finally {
    await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
  }
}

/** Takes the transaction-scoped advisory lock `key` if no other transaction holds it: true when taken. */
export async function tryTransactionLock(manager: EntityManager, key: number): Promise<boolean> {
  const [{ locked }] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
    key,
  ]);
  return locked;
}

/** Waits for the transaction-scoped advisory lock `key`: transactions holding it take turns until commit. */
export async function transactionLock(manager: EntityManager, key: number): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [key]);
}
