import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ALL_ROLES, Role } from './role';

export const ACCESS_METADATA = 'samverkan:access';

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
