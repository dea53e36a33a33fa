import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { RequestContext } from '../common/auth/request-context';
import { DomainErrorKind, DomainException, notFound, unprocessable } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { hashPassword, UsersService } from '../users/users.service';
import { LoginDto, MeDto, TokenDto } from './dto/login.dto';
import { ChangePasswordDto } from './dto/password.dto';
import { LoginThrottleService } from './login-throttle.service';
import { endAllSessions, endSession, openSession, SessionMethod } from './sessions/session.repository';
import { API_AUDIENCE, TokenPayload, TOKEN_ISSUER } from './token-claims';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take the same time. */
  private readonly dummyHash = hashPassword('samverkan-timing-equaliser');

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(dto: LoginDto, clientAddress: string): Promise<TokenDto> {
    const user = await this.throttle.attempt(dto.email, clientAddress, async () => {
      const found = await this.users.findForLogin(dto.email);
      const passwordMatches = await argon2.verify(found?.passwordHash ?? (await this.dummyHash), dto.password);
      return found && found.active && passwordMatches && (await this.passwordSignInAllowed(found)) ? found : null;
    });
    if (!user) {
      throw new DomainException(
        DomainErrorKind.Unauthorized,
        'auth.invalid_credentials',
        'Invalid e-mail or password.',
      );
    }
    return this.sign(user.id, user.tokenGeneration, 'password');
  }

  /** An organisation that signs in through its identity provider only has switched passwords off (docs/sign-in.md). */
  private async passwordSignInAllowed(user: User): Promise<boolean> {
    return this.dataSource.manager.existsBy(Organization, { id: user.organizationId, passwordSignIn: true });
  }

  /**
   * The signed-in user's own password, proven by the current one (guesses count against the account's sign-in
   * limit, as at login). Every earlier token ends, this one's included: the answer carries a fresh token.
   */
  async changePassword(ctx: RequestContext, dto: ChangePasswordDto, clientAddress: string): Promise<TokenDto> {
    const user = await this.users.findWithPasswordHash({ id: ctx.user.id });
    if (!user) {
      throw notFound('user');
    }
    const { passwordHash: current } = user;
    const verified = await this.throttle.attempt(user.email, clientAddress, async () =>
      current !== null && (await argon2.verify(current, dto.currentPassword)) ? user : null,
    );
    if (!verified) {
      throw unprocessable('auth.current_password_wrong', 'The current password is wrong.', [
        { field: 'currentPassword', code: 'mismatch' },
      ]);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const generation = await this.dataSource.transaction((manager) =>
      this.users.replacePassword(manager, ctx, ctx.user, passwordHash, { action: 'user.password_changed' }),
    );
    return this.sign(user.id, generation, 'password');
  }

  /** A token, in a new session, for the account as it is now (its current token generation). */
  async issueToken(userId: string, method: SessionMethod = 'password'): Promise<TokenDto> {
    return this.sign(userId, await this.users.tokenGenerationOf(userId), method);
  }

  /** Signing out: the token's session ends at once (the per-request check refuses it from now on). */
  async logout(ctx: RequestContext): Promise<void> {
    const sessionId = ctx.user.sessionId as string;
    await this.dataSource.transaction(async (manager) => {
      if (!(await endSession(manager, ctx.user.id, sessionId))) {
        return;
      }
      await this.audit.append(manager, ctx, {
        action: 'session.ended',
        entity: { type: 'user', id: ctx.user.id },
        data: { sessionId, reason: 'logout' },
      });
    });
  }

  /** An admin ends every session of an account (a lost device, a leaver): its tokens stop working at once. */
  async endSessionsOf(ctx: RequestContext, userId: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) {
        throw notFound('user');
      }
      const ended = await endAllSessions(manager, userId);
      await this.audit.append(manager, ctx, {
        action: 'session.ended_all',
        entity: { type: 'user', id: userId },
        organizationIds: [user.organizationId],
        data: { ended },
      });
    });
  }

  private async sign(userId: string, generation: number, method: SessionMethod): Promise<TokenDto> {
    const expiresIn = this.config.auth.jwtExpiresInSeconds;
    const sid = await openSession(this.dataSource.manager, userId, method, expiresIn);
    const payload: TokenPayload = { sub: userId, gen: generation, sid };
    const accessToken = await this.jwt.signAsync(payload, {
      expiresIn,
      issuer: TOKEN_ISSUER,
      audience: API_AUDIENCE,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  async me(identity: AuthenticatedUser): Promise<MeDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id: identity.id });
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: identity.organizationId });
    if (!user || !organization) {
      throw notFound('user');
    }
    const { id, name, type, municipalityCode } = organization;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      organization: { id, name, type, municipalityCode },
    };
  }
}
