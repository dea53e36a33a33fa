import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditEntry, AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { TokenDto } from '../auth/dto/login.dto';
import { DomainErrorKind, DomainException, notFound } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { changedFields, endsTokens } from '../users/user-changes';
import { UsersService } from '../users/users.service';
import { MappedIdentity, mapClaims, SignInRefusal } from './claim-mapping';
import type { IdentityProvider } from './entities/identity-provider.entity';
import { IdentityProvidersService } from './identity-providers.service';
import { isAllowedReturnTo, withParameter } from './return-to';
import { savePendingSignIn, saveSignInCode, takePendingSignIn, takeSignInCode } from './sign-in.repository';

export const SIGN_IN_COOKIE = 'samverkan_sign_in';
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
const PENDING_TTL_SECONDS = 600;
export const SIGN_IN_CODE_TTL_SECONDS = 60;

const hash = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export interface Redirect {
  location: string;
  /** A Set-Cookie value. */
  cookie: string;
}

/**
 * Signing in through an identity provider: the redirect to it, the callback (verified by the relying party, claims
 * mapped, the account created or updated) and the exchange of the one-time sign-in code for a token. Every
 * attempt is audited and logged with its outcome code, never a claim value.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger('SignIn');
  private readonly allowedReturns: string[];
  private readonly secureCookie: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly providers: IdentityProvidersService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {
    const publicUrl = config.signIn?.publicUrl;
    this.allowedReturns = [...(publicUrl ? [publicUrl] : []), ...(config.signIn?.returnUrls ?? [])];
    this.secureCookie = publicUrl?.startsWith('https://') ?? false;
  }

  /** 302 to the IdP; the state also goes into a cookie, binding the callback to this browser. */
  async start(providerId: string, returnTo: string | undefined, requestId: string): Promise<Redirect> {
    if (!this.providers.publicUrl) {
      throw new DomainException(DomainErrorKind.BadRequest, 'sign_in.not_configured', 'PUBLIC_URL is not set.');
    }
    if (!isAllowedReturnTo(returnTo, this.allowedReturns)) {
      throw new DomainException(
        DomainErrorKind.BadRequest,
        'sign_in.return_to_not_allowed',
        'returnTo must be an absolute URL under PUBLIC_URL or one of SIGN_IN_RETURN_URLS.',
      );
    }
    const found = await this.providers.activeProvider(providerId);
    if (!found) {
      throw notFound('identity_provider');
    }
    let request;
    try {
      request = await this.providers.relyingParty.authorizationRequest(found.endpoint, {
        redirectUri: this.providers.publicUrl + CALLBACK_PATH,
        scopes: found.provider.scopes,
        acrValues: found.provider.requiredAcr,
      });
    } catch {
      return { location: await this.refuse(providerId, null, returnTo, 'provider_unavailable', requestId), cookie: '' };
    }
    const { url, state, nonce, codeVerifier } = request;
    await savePendingSignIn(
      this.dataSource.manager,
      hash(state),
      { providerId, codeVerifier, nonce, returnTo },
      PENDING_TTL_SECONDS,
    );
    return { location: url.toString(), cookie: this.cookie(state, PENDING_TTL_SECONDS) };
  }

  /**
   * The IdP's redirect back. The browser's pending sign-in is found by its cookie (none: 400, there is nowhere safe
   * to send it); then the state must match, and the relying party verifies the response and the ID token.
   */
  async finish(
    query: Record<string, string | undefined>,
    cookieState: string | undefined,
    requestId: string,
  ): Promise<Redirect> {
    const pending = cookieState ? await takePendingSignIn(this.dataSource.manager, hash(cookieState)) : null;
    if (!pending) {
      throw new DomainException(
        DomainErrorKind.BadRequest,
        'sign_in.unknown',
        'No sign-in is in progress in this browser: start again from the sign-in page.',
      );
    }
    const cleared = this.cookie('', 0);
    const refused = async (refusal: SignInRefusal, userId: string | null = null, organizationId?: string) => ({
      location: await this.refuse(pending.providerId, userId, pending.returnTo, refusal, requestId, organizationId),
      cookie: cleared,
    });
    if (!pending.live) {
      return refused('sign_in_expired');
    }
    if (query.state !== cookieState) {
      return refused('state_mismatch');
    }
    if (query.error !== undefined) {
      return refused('provider_error');
    }
    const found = await this.providers.activeProvider(pending.providerId);
    if (!found) {
      return refused('provider_disabled');
    }
    let claims: Record<string, unknown>;
    try {
      const callbackUrl = new URL(this.providers.publicUrl + CALLBACK_PATH);
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined) {
          callbackUrl.searchParams.set(name, value);
        }
      }
      claims = await this.providers.relyingParty.verifiedClaims(found.endpoint, callbackUrl, {
        state: cookieState as string,
        nonce: pending.nonce,
        codeVerifier: pending.codeVerifier,
      });
    } catch (error) {
      this.logger.warn(
        { event: 'sign_in_verification_failed', providerId: pending.providerId, error: errorCode(error) },
        'ID token or response did not verify',
      );
      return refused('token_invalid');
    }
    const mapped = mapClaims(claims, found.provider);
    if ('refusal' in mapped) {
      return refused(mapped.refusal);
    }
    const code = randomBytes(32).toString('base64url');
    const outcome = await this.dataSource.transaction(async (manager) => {
      const account = await this.provision(manager, found.provider, mapped.identity, requestId);
      if ('refusal' in account) {
        return account;
      }
      await saveSignInCode(manager, hash(code), account.user.id, SIGN_IN_CODE_TTL_SECONDS);
      await this.audit.append(
        manager,
        actorFor(requestId),
        signInEntry(found.provider.id, account.user, 'signed_in', account.created ? 'created' : 'updated'),
      );
      return account;
    });
    if ('refusal' in outcome) {
      return refused(outcome.refusal, outcome.userId, mapped.identity.organizationId);
    }
    this.logger.log(
      { event: 'sign_in', providerId: found.provider.id, userId: outcome.user.id, outcome: 'signed_in' },
      'Signed in through the identity provider',
    );
    return { location: withParameter(pending.returnTo, 'signInCode', code), cookie: cleared };
  }

  /** The one-time code for a token: once, within 60 seconds, for an account that is still active. */
  async exchange(signInCode: string): Promise<TokenDto> {
    const userId = await takeSignInCode(this.dataSource.manager, hash(signInCode));
    const active = userId ? await this.dataSource.manager.existsBy(User, { id: userId, active: true }) : false;
    if (!userId || !active) {
      throw new DomainException(
        DomainErrorKind.BadRequest,
        'sign_in.code_invalid',
        'The sign-in code is unknown, already used or expired: sign in again.',
      );
    }
    return this.auth.issueToken(userId, 'oidc');
  }

  /**
   * The account for the mapped identity, created on the first sign-in or brought up to date (organisation, roles
   * replaced, name). Refused for a deactivated account, and for one in an organisation this provider does not map
   * (a provider signs in its own organisations' staff only).
   */
  private async provision(
    manager: EntityManager,
    provider: IdentityProvider,
    identity: MappedIdentity,
    requestId: string,
  ): Promise<{ user: User; created: boolean } | { refusal: SignInRefusal; userId: string }> {
    const actor = actorFor(requestId);
    const existing = await manager.findOne(User, {
      where: { email: identity.email },
      lock: { mode: 'pessimistic_write' },
    });
    if (!existing) {
      const user = await this.users.insert(manager, actor, {
        email: identity.email,
        displayName: identity.displayName,
        organizationId: identity.organizationId,
        roles: identity.roles,
        passwordHash: null,
      });
      return { user, created: true };
    }
    if (!Object.values(provider.organizations).includes(existing.organizationId)) {
      return { refusal: 'account_elsewhere', userId: existing.id };
    }
    if (!existing.active) {
      return { refusal: 'user_deactivated', userId: existing.id };
    }
    const changed: string[] = changedFields(existing, identity);
    if (existing.organizationId !== identity.organizationId) {
      changed.push('organizationId');
    }
    if (changed.length === 0) {
      return { user: existing, created: false };
    }
    if (endsTokens(changedFields(existing, identity), existing) || changed.includes('organizationId')) {
      existing.tokenGeneration += 1;
    }
    Object.assign(existing, {
      displayName: identity.displayName,
      roles: identity.roles,
      organizationId: identity.organizationId,
    });
    const saved = await manager.save(existing);
    await this.audit.append(manager, actor, {
      action: 'user.updated',
      entity: { type: 'user', id: saved.id },
      organizationIds: [saved.organizationId],
      data: { changed, roles: saved.roles, active: saved.active, by: 'identity_provider' },
    });
    return { user: saved, created: false };
  }

  /** Audits and logs a refusal (outside the failed transaction), and sends the browser back with its code. */
  private async refuse(
    providerId: string,
    userId: string | null,
    returnTo: string,
    refusal: SignInRefusal,
    requestId: string,
    organizationId?: string,
  ): Promise<string> {
    this.logger.warn({ event: 'sign_in_refused', providerId, userId, outcome: refusal }, 'Sign-in refused');
    await this.audit.record(actorFor(requestId), {
      action: 'auth.sign_in_refused',
      entity: { type: 'identity_provider', id: providerId },
      organizationIds: organizationId ? [organizationId] : [],
      data: { providerId, userId, outcome: refusal },
    });
    return withParameter(returnTo, 'signInError', refusal);
  }

  private cookie(state: string, maxAge: number): string {
    return `${SIGN_IN_COOKIE}=${state}; Path=/api/v1/auth/oidc; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${this.secureCookie ? '; Secure' : ''}`;
  }
}

const actorFor = (requestId: string): AuditActor => ({ system: true, requestId });

const signInEntry = (providerId: string, user: User, outcome: string, account: 'created' | 'updated'): AuditEntry => ({
  action: 'auth.signed_in',
  entity: { type: 'identity_provider', id: providerId },
  organizationIds: [user.organizationId],
  data: { providerId, userId: user.id, outcome, account },
});

/** The library's error code, never its message (which may quote a claim). */
const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : error instanceof Error
      ? error.name
      : 'unknown';
