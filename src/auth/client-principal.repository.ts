import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { isScope, Scope } from '../common/auth/scope';
import type { OrganizationType } from '../organizations/organization-type';

interface ClientRow {
  id: string;
  organization_id: string;
  type: OrganizationType;
  scopes: string[];
  secret_generation: number;
}

const CLIENT_SQL = `SELECT c.id, c.organization_id, o.type, c.scopes, c.secret_generation
  FROM api_client c JOIN organization o ON o.id = c.organization_id`;

/**
 * The principal behind a client token, or null when the client is gone, disabled or its secret rotated since. Its
 * scopes are those the token was issued with and the client still holds (a scope taken away ends at once).
 */
export async function findActiveClient(
  dataSource: DataSource,
  token: { sub: string; gen: number; scope: string },
): Promise<AuthenticatedUser | null> {
  const [row] = await dataSource.query<ClientRow[]>(
    `${CLIENT_SQL} WHERE c.id = $1 AND c.active AND c.secret_generation = $2`,
    [token.sub, token.gen],
  );
  if (!row) {
    return null;
  }
  const granted = token.scope.split(' ');
  const scopes = row.scopes.filter((scope): scope is Scope => isScope(scope) && granted.includes(scope));
  return { id: row.id, organizationId: row.organization_id, organizationType: row.type, roles: [], client: { scopes } };
}
