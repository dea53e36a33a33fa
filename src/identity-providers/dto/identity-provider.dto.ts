import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { ALL_ROLES, Role } from '../../common/auth/role';
import { IsSecret } from '../../common/validation/is-secret.decorator';
import { NoPersonalData, PrivacyGuard } from '../../privacy/no-personal-data.decorator';
import { findPersonalDataInUrl } from '../../privacy/personal-data-in-url';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { FreeText } from '../../privacy/free-text.decorator';
import type { IdentityProvider } from '../entities/identity-provider.entity';

const CLAIM_NAME = /^[A-Za-z0-9_:./-]{1,100}$/;
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_MAPPED = 500;

/** A claim name (`email`, `https://id.example.se/claims/org`): a bounded token that passes the privacy guard. */
const ClaimName = () => applyDecorators(IsString(), Matches(CLAIM_NAME), NoPersonalData({ maxLength: 100 }));

/**
 * A map from claim values to targets (organisation ids, roles): an object of at most 500 entries whose keys are
 * bounded and pass the privacy guard (they are stored and shown), and whose values pass `isTarget`.
 */
const IsClaimMap = (name: string, isTarget: (value: unknown) => boolean, target: string) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length >= 1 &&
        Object.keys(value).length <= MAX_MAPPED &&
        Object.entries(value).every(
          ([key, mapped]) => key.length >= 1 && key.length <= 200 && findPersonalData(key) === null && isTarget(mapped),
        ),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must map 1-${MAX_MAPPED} claim values (at most 200 characters, no personal data) to ${target}`,
    },
  });

export class CreateIdentityProviderDto {
  @FreeText({ maxLength: 200, description: 'Shown on the sign-in choice', example: 'Södertälje kommun' })
  name!: string;

  @ApiProperty({ description: 'The issuer; discovery reads `${issuer}/.well-known/openid-configuration`' })
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true })
  @PrivacyGuard((value) => (URL.canParse(value) ? findPersonalDataInUrl(value) : null), { maxLength: 500 })
  issuer!: string;

  @ApiProperty({ description: 'The client id registered at the IdP' })
  @IsString()
  @NoPersonalData({ maxLength: 200 })
  clientId!: string;

  @ApiProperty({ description: 'Stored encrypted; never returned', format: 'password', writeOnly: true })
  @IsSecret(500)
  clientSecret!: string;

  @ApiPropertyOptional({ isArray: true, type: String, default: ['openid', 'email', 'profile'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(SCOPE_TOKEN, { each: true })
  @NoPersonalData({ maxLength: 100, each: true })
  scopes?: string[];

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    description: 'Accepted acr values (assurance level 3: http://id.sambi.se/loa/loa3); empty: any',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @NoPersonalData({ maxLength: 200, each: true })
  requiredAcr?: string[];

  @ApiProperty({ description: 'The claim naming the organisation', example: 'orgAffiliation' })
  @ClaimName()
  organizationClaim!: string;

  @ApiProperty({
    description: 'Claim value → organisation id',
    example: { '2120000142': '7f0c3a52-4d1e-4b8a-9c1e-2a6b5d4e3f21' },
  })
  @IsClaimMap('isOrganizationMap', (value) => typeof value === 'string' && UUID.test(value), 'organisation ids')
  organizations!: Record<string, string>;

  @ApiProperty({ description: 'The claim carrying roles or groups', example: 'groups' })
  @ClaimName()
  roleClaim!: string;

  @ApiProperty({
    description: `Claim value → role (${ALL_ROLES.join(', ')})`,
    example: { samverkan_handlaggare: 'caseworker' },
  })
  @IsClaimMap('isRoleMap', (value) => (ALL_ROLES as unknown[]).includes(value), `roles (${ALL_ROLES.join(', ')})`)
  roles!: Record<string, Role>;

  @ApiPropertyOptional({ default: 'email' })
  @IsOptional()
  @ClaimName()
  emailClaim?: string;

  @ApiPropertyOptional({ default: 'name' })
  @IsOptional()
  @ClaimName()
  nameClaim?: string;
}

export class UpdateIdentityProviderDto extends PartialType(CreateIdentityProviderDto) {}

export class IdentityProviderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ type: [String] }) requiredAcr!: string[];
  @ApiProperty() organizationClaim!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'uuid' } })
  organizations!: Record<string, string>;
  @ApiProperty() roleClaim!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ALL_ROLES } })
  roles!: Record<string, Role>;
  @ApiProperty() emailClaim!: string;
  @ApiProperty() nameClaim!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Register this redirect URI at the IdP' }) redirectUri!: string;
  @ApiProperty({ description: 'Where a browser starts signing in (add ?returnTo=…)' }) loginUrl!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(provider: IdentityProvider, publicUrl: string): IdentityProviderDto {
    const { id, name, issuer, clientId, scopes, requiredAcr, organizationClaim, organizations, roleClaim, roles } =
      provider;
    const { emailClaim, nameClaim, active, createdAt, updatedAt } = provider;
    return {
      ...{ id, name, issuer, clientId, scopes, requiredAcr, organizationClaim, organizations, roleClaim, roles },
      ...{ emailClaim, nameClaim, active, createdAt, updatedAt },
      redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
      loginUrl: `${publicUrl}/api/v1/auth/oidc/${provider.id}/login`,
    };
  }
}

export class IdentityProviderPageDto {
  @ApiProperty({ type: [IdentityProviderDto] }) items!: IdentityProviderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class SignInExchangeDto {
  @ApiProperty({ description: 'The one-time code the sign-in returned with (valid 60 seconds, once)' })
  @IsSecret(100)
  signInCode!: string;
}
