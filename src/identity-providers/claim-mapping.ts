import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Role } from '../common/auth/role';
import { FreeText } from '../privacy/free-text.decorator';
import { NewStaffEmail } from '../users/dto/staff-email.decorator';

/** Why a sign-in was refused: the `signInError` the browser returns with, and the audited outcome. */
export type SignInRefusal =
  | 'sign_in_expired'
  | 'state_mismatch'
  | 'provider_error'
  | 'provider_disabled'
  | 'provider_unavailable'
  | 'token_invalid'
  | 'acr_not_accepted'
  | 'unknown_organization'
  | 'no_mapped_role'
  | 'email_invalid'
  | 'name_invalid'
  | 'account_elsewhere'
  | 'user_deactivated';

export interface ClaimMappingRules {
  requiredAcr: string[];
  organizationClaim: string;
  organizations: Record<string, string>;
  roleClaim: string;
  roles: Record<string, Role>;
  emailClaim: string;
  nameClaim: string;
}

export interface MappedIdentity {
  organizationId: string;
  roles: Role[];
  email: string;
  displayName: string;
}

/** The claims that are kept, checked by the same rules as an account created through the API. */
class KeptClaims {
  @NewStaffEmail()
  email!: string;

  @FreeText({ maxLength: 120 })
  displayName!: string;
}

const values = (claim: unknown): string[] =>
  (Array.isArray(claim) ? claim : [claim]).filter((value): value is string => typeof value === 'string');

const own = (map: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

/**
 * Maps verified ID token claims to an account: the organisation (exactly one mapped value), the roles (every mapped
 * value; none is a refusal), the e-mail address (normalised and checked as a staff address) and the name (free
 * text, through the privacy guard). Claim values are never echoed: a refusal is a code.
 */
export function mapClaims(
  claims: Record<string, unknown>,
  rules: ClaimMappingRules,
): { identity: MappedIdentity } | { refusal: SignInRefusal } {
  if (rules.requiredAcr.length > 0 && !(typeof claims.acr === 'string' && rules.requiredAcr.includes(claims.acr))) {
    return { refusal: 'acr_not_accepted' };
  }
  const organizations = [
    ...new Set(values(claims[rules.organizationClaim]).flatMap((value) => own(rules.organizations, value) ?? [])),
  ];
  if (organizations.length !== 1) {
    return { refusal: 'unknown_organization' };
  }
  const roles = [
    ...new Set(values(claims[rules.roleClaim]).flatMap((value) => (own(rules.roles, value) as Role | undefined) ?? [])),
  ].sort();
  if (roles.length === 0) {
    return { refusal: 'no_mapped_role' };
  }
  const kept = plainToInstance(KeptClaims, {
    email: claims[rules.emailClaim],
    displayName: typeof claims[rules.nameClaim] === 'string' ? (claims[rules.nameClaim] as string).trim() : undefined,
  });
  const invalid = new Set(validateSync(kept).map((error) => error.property));
  if (invalid.has('email')) {
    return { refusal: 'email_invalid' };
  }
  if (invalid.has('displayName')) {
    return { refusal: 'name_invalid' };
  }
  return { identity: { organizationId: organizations[0], roles, email: kept.email, displayName: kept.displayName } };
}
