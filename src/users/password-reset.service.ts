import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notVisible } from '../auth/not-visible.exception';
import type { RequestContext } from '../common/auth/request-context';
import { forbidden, notFound, unprocessable } from '../common/http/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PasswordResetIssuedDto } from './dto/password-reset.dto';
import { passwordResetsRepository } from './password-resets.repository';
import { User } from './entities/user.entity';
import { canIssuePasswordReset, canReadAccountsOf } from './user-management.policy';
import { hashPassword, UsersService } from './users.service';

export const DEFAULT_PASSWORD_RESET_TTL_SECONDS = 1800;

/** 256 random bits: guessing one is hopeless, so a fast hash is enough to keep the stored form useless. */
const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

const invalidToken = () =>
  unprocessable(
    'password_reset.invalid_token',
    'The reset token is unknown, already used, superseded or expired: ask for a new one.',
    [{ field: 'token', code: 'invalid' }],
  );

/**
 * Password resets: an admin (or a coordinator, for their organisation's caseworkers) issues a one-time token,
 * shown once; the user redeems it with a new password. The table holds only the token's hash and only live
 * resets: a new reset replaces the user's pending one, redeeming deletes it. Every step is audited, never the token.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async issue(ctx: RequestContext, userId: string): Promise<PasswordResetIssuedDto> {
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds = this.config.auth.passwordResetTtlSeconds ?? DEFAULT_PASSWORD_RESET_TTL_SECONDS;
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) {
        throw notFound('user');
      }
      if (!canReadAccountsOf(ctx.user, user.organizationId)) {
        throw notVisible('user');
      }
      if (user.id === ctx.user.id) {
        throw unprocessable(
          'password_reset.own_account',
          'Change your own password with POST /api/v1/auth/password and your current password.',
        );
      }
      if (!canIssuePasswordReset(ctx.user, user)) {
        throw forbidden(
          'password_reset.not_allowed',
          "Admins issue resets for every account; coordinators for their own organisation's caseworkers.",
        );
      }
      if (!user.active) {
        throw unprocessable('password_reset.inactive_account', 'The account is deactivated: reactivate it first.');
      }
      const reset = await passwordResetsRepository.replace(manager, {
        userId: user.id,
        tokenHash: tokenHash(token),
        issuedBy: ctx.user.id,
        ttlSeconds,
      });
      await this.audit.append(manager, ctx, {
        action: 'user.password_reset_issued',
        entity: { type: 'user', id: user.id },
        organizationIds: [user.organizationId],
        data: { resetId: reset.id, expiresAt: reset.expires_at.toISOString() },
      });
      return { userId: user.id, token, expiresAt: reset.expires_at };
    });
  }

  /** Sets the new password and ends every token of the account. The redeeming user is the audited actor. */
  async redeem(token: string, newPassword: string, requestId: string): Promise<void> {
    const hash = tokenHash(token);
    // Checked before hashing the password, so unknown tokens cost no argon2 work on this unauthenticated route.
    if (!(await passwordResetsRepository.isLive(this.dataSource.manager, hash))) {
      throw invalidToken();
    }
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const reset = await passwordResetsRepository.redeem(manager, hash);
      if (!reset) {
        throw invalidToken();
      }
      const user = await this.users.lockActiveIdentity(manager, reset.user_id);
      if (!user) {
        throw invalidToken();
      }
      await this.users.replacePassword(manager, { user, requestId }, user, passwordHash, {
        action: 'user.password_reset_redeemed',
        data: { resetId: reset.id },
      });
    });
  }
}
