import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ALL_ROLES, Role } from './role';
import { Scope } from './scope';

export const ACCESS_METADATA = 'samverkan:access';
export const SCOPE_METADATA = 'samverkan:scope';

export type AccessRule = { public: true } | { public: false; roles: Role[] };

/** Anyone, without a token. */
export const Public = () => SetMetadata(ACCESS_METADATA, { public: true } satisfies AccessRule);

/** Signed-in users holding at least one of the roles. Every non-public route must say which. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid bearer token' }),
    ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }),
  );

/** Any signed-in user, whatever the role. */
export const AnyRole = () => Roles(...ALL_ROLES);

/** Which API clients a route admits: those holding one of these scopes, or none at all (staff only). */
export type ScopeRule = { clients: false } | { clients: true; scopes: Scope[] };

/**
 * API clients whose token carries one of the scopes (they are refused 403 otherwise). Every route with roles also
 * declares this or `UsersOnly()`; for a client token the scope stands in for the roles.
 */
export const Scopes = (...scopes: Scope[]) =>
  SetMetadata(SCOPE_METADATA, { clients: true, scopes } satisfies ScopeRule);

/** Signed-in staff only: no API client may call this route, whatever its scopes. */
export const UsersOnly = () => SetMetadata(SCOPE_METADATA, { clients: false } satisfies ScopeRule);
