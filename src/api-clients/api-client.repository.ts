import type { EntityManager } from 'typeorm';
import { ApiClient } from './entities/api-client.entity';

/** A client authenticating at the token endpoint, by its public client id. */
export async function findClientForToken(
  manager: EntityManager,
  clientId: string,
): Promise<{
  id: string;
  organizationId: string;
  scopes: string[];
  secretHash: Buffer;
  generation: number;
  active: boolean;
} | null> {
  const [row] = await manager.query<
    {
      id: string;
      organization_id: string;
      scopes: string[];
      secret_hash: Buffer;
      secret_generation: number;
      active: boolean;
    }[]
  >(`SELECT id, organization_id, scopes, secret_hash, secret_generation, active FROM api_client WHERE client_id = $1`, [
    clientId,
  ]);
  return row
    ? {
        id: row.id,
        organizationId: row.organization_id,
        scopes: row.scopes,
        secretHash: row.secret_hash,
        generation: row.secret_generation,
        active: row.active,
      }
    : null;
}

/** One keyset page of clients by id: up to `limit` rows after `afterId`. */
export function clientsPage(manager: EntityManager, afterId: string | undefined, limit: number): Promise<ApiClient[]> {
  const qb = manager.createQueryBuilder(ApiClient, 'c').orderBy('c.id', 'ASC').limit(limit);
  if (afterId !== undefined) {
    qb.andWhere('c.id > :id', { id: afterId });
  }
  return qb.getMany();
}
