import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '../audit/audit-actions';
import { AuditActor, AuditService } from '../audit/audit.service';
import { notVisible } from '../auth/not-visible.exception';
import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, forbidden, notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { Organization } from '../organizations/entities/organization.entity';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { isAsciiEmail, normalizeEmail } from './email-address';
import { User } from './entities/user.entity';
import { changedFields, endsTokens } from './user-changes';
import { canManageAccount, canReadAccountsOf } from './user-management.policy';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** A user row as the token check and the audit trail need it. */
interface IdentityRow {
  id: string;
  organization_id: string;
  roles: AuthenticatedUser['roles'];
  type: AuthenticatedUser['organizationType'];
}

const IDENTITY_SQL = `SELECT u.id, u.organization_id, u.roles, o.type FROM app_user u JOIN organization o ON o.id = u.organization_id`;

const toIdentity = (row: IdentityRow): AuthenticatedUser => ({
  id: row.id,
  organizationId: row.organization_id,
  organizationType: row.type,
  roles: row.roles,
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserDto> {
    if (!canManageAccount(ctx.user, dto)) {
      throw forbidden(
        'user.manage',
        'You may not create this account: coordinators create caseworkers and managers of their own organisation.',
      );
    }
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insert(manager, ctx, { ...dto, passwordHash });
      return UserDto.from(user);
    });
  }

  /**
   * Inserts an account and its audit event in the caller's transaction (also used to bootstrap the first admin, and
   * for accounts created at their first sign-in through an identity provider, which have no password).
   */
  async insert(
    manager: EntityManager,
    actor: AuditActor,
    account: Omit<CreateUserDto, 'password'> & { passwordHash: string | null },
  ): Promise<User> {
    const email = normalizeEmail(account.email);
    if (!isAsciiEmail(email)) {
      throw unprocessable('user.email_not_ascii', 'The e-mail address must be written in ASCII.', [
        { field: 'email', code: 'not_ascii' },
      ]);
    }
    if (!(await manager.existsBy(Organization, { id: account.organizationId }))) {
      throw unprocessable('user.unknown_organization', 'The organisation does not exist.', [
        { field: 'organizationId', code: 'unknown' },
      ]);
    }
    if (await manager.existsBy(User, { email })) {
      throw conflict('user.email_taken', 'An account with this e-mail address already exists.');
    }
    const user = await manager.save(manager.create(User, { ...account, email, active: true, deactivatedAt: null }));
    await this.audit.append(manager, actor, {
      action: 'user.created',
      entity: { type: 'user', id: user.id },
      organizationIds: [user.organizationId],
      data: { organizationId: user.organizationId, roles: user.roles },
    });
    return user;
  }

  /** Display name, roles and activity. A password is never set here: see PasswordResetService and AuthService.changePassword. */
  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) {
        throw notFound('user');
      }
      if (!canReadAccountsOf(ctx.user, user.organizationId)) {
        throw notVisible('user');
      }
      if (
        !canManageAccount(ctx.user, user) ||
        (dto.roles && !canManageAccount(ctx.user, { ...user, roles: dto.roles }))
      ) {
        throw forbidden('user.manage', 'You may not change this account.');
      }
      if (dto.active === false && user.id === ctx.user.id) {
        throw unprocessable('user.self_deactivation', 'You cannot deactivate your own account.', [
          { field: 'active', code: 'self' },
        ]);
      }
      const changed = changedFields(user, dto);
      if (changed.length === 0) {
        return UserDto.from(user);
      }
      const wasActive = user.active;
      if (changed.includes('displayName')) {
        user.displayName = dto.displayName as string;
      }
      if (changed.includes('roles')) {
        user.roles = dto.roles as User['roles'];
      }
      if (changed.includes('active')) {
        user.active = !wasActive;
        user.deactivatedAt = user.active ? null : new Date();
      }
      if (endsTokens(changed, user)) {
        user.tokenGeneration += 1;
        // A reset issued for the account as it was (say, by a coordinator for a caseworker) must not outlive the change.
        await manager.query(`DELETE FROM password_reset WHERE user_id = $1`, [id]);
      }
      const saved = await manager.save(user);
      const action = changed.includes('active')
        ? saved.active
          ? 'user.reactivated'
          : 'user.deactivated'
        : 'user.updated';
      await this.audit.append(manager, ctx, {
        action,
        entity: { type: 'user', id },
        organizationIds: [saved.organizationId],
        // Field names only: display names never enter the audit trail.
        data: { changed, roles: saved.roles, active: saved.active },
      });
      return UserDto.from(saved);
    });
  }

  /**
   * Replaces an account's password, ends all of its tokens and drops a pending reset (the new password supersedes
   * it), with the audit event, in the caller's transaction (its last statement). Returns the new token generation.
   */
  async replacePassword(
    manager: EntityManager,
    actor: AuditActor,
    user: AuthenticatedUser,
    passwordHash: string,
    audit: { action: AuditAction; data?: Record<string, unknown> },
  ): Promise<number> {
    const [row] = await manager.query<{ token_generation: number }[]>(
      `WITH dropped AS (DELETE FROM password_reset WHERE user_id = $1),
            updated AS (UPDATE app_user SET password_hash = $2, token_generation = token_generation + 1, updated_at = now() WHERE id = $1 RETURNING token_generation)
       SELECT token_generation FROM updated`,
      [user.id, passwordHash],
    );
    await this.audit.append(manager, actor, {
      action: audit.action,
      entity: { type: 'user', id: user.id },
      organizationIds: [user.organizationId],
      data: audit.data,
    });
    return row.token_generation;
  }

  async get(actor: AuthenticatedUser, id: string): Promise<UserDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id });
    if (!user) {
      throw notFound('user');
    }
    if (!canReadAccountsOf(actor, user.organizationId)) {
      throw notVisible('user');
    }
    return UserDto.from(user);
  }

  async list(actor: AuthenticatedUser, query: UserQueryDto): Promise<Page<UserDto>> {
    const organizationId = isAdmin(actor) ? query.organizationId : actor.organizationId;
    if (query.organizationId && !canReadAccountsOf(actor, query.organizationId)) {
      return { items: [], nextCursor: null };
    }
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .orderBy('u.id', 'ASC')
      .limit(query.limit + 1);
    if (organizationId) {
      qb.andWhere('u.organization_id = :organizationId', { organizationId });
    }
    const after = decodeCursor(query.cursor, ['uuid']);
    if (after) {
      qb.andWhere('u.id > :id', { id: after[0] });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (u) => [u.id],
      (row) => UserDto.from(row),
    );
  }

  /**
   * The identity behind a token, or null when the account is gone or deactivated, its tokens have since been ended
   * (an older generation), or the token's session has ended (signed out) or expired.
   */
  async findActiveIdentity(token: { sub: string; gen: number; sid: string }): Promise<AuthenticatedUser | null> {
    const [row] = await this.dataSource.query<IdentityRow[]>(
      `${IDENTITY_SQL} JOIN user_session s ON s.id = $3 AND s.user_id = u.id AND s.ended_at IS NULL AND s.expires_at > now()
       WHERE u.id = $1 AND u.active AND u.token_generation = $2`,
      [token.sub, token.gen, token.sid],
    );
    return row ? { ...toIdentity(row), sessionId: token.sid } : null;
  }

  /** An active account, locked for the caller's transaction, or null. */
  async lockActiveIdentity(manager: EntityManager, id: string): Promise<AuthenticatedUser | null> {
    const [row] = await manager.query<IdentityRow[]>(`${IDENTITY_SQL} WHERE u.id = $1 AND u.active FOR UPDATE OF u`, [
      id,
    ]);
    return row ? toIdentity(row) : null;
  }

  async tokenGenerationOf(id: string): Promise<number> {
    const user = await this.dataSource.manager.findOneByOrFail(User, { id });
    return user.tokenGeneration;
  }

  /** The account (with its password hash) signed in as with this address, compared in its normal form. */
  async findForLogin(email: string): Promise<User | null> {
    return this.findWithPasswordHash({ email: normalizeEmail(email) });
  }

  async findWithPasswordHash(where: { email: string } | { id: string }): Promise<User | null> {
    return this.dataSource.manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where(where).getOne();
  }
}
