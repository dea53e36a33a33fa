import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthenticatedUser, isAdmin } from '../common/auth/authenticated-user';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, forbidden, notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { Organization } from '../organizations/entities/organization.entity';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { canManageAccount, canReadAccountsOf } from './user-management.policy';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserDto> {
    if (!canManageAccount(ctx.user, dto)) {
      throw forbidden('user.manage', 'You may not create this account: coordinators create caseworkers and managers of their own organisation.');
    }
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.insert(manager, ctx, { ...dto, passwordHash });
      return UserDto.from(user);
    });
  }

  /** Inserts an account and its audit event in the caller's transaction (also used to bootstrap the first admin). */
  async insert(manager: EntityManager, actor: AuditActor, account: Omit<CreateUserDto, 'password'> & { passwordHash: string }): Promise<User> {
    if (!(await manager.existsBy(Organization, { id: account.organizationId }))) {
      throw unprocessable('user.unknown_organization', 'The organisation does not exist.', [{ field: 'organizationId', code: 'unknown' }]);
    }
    const taken = await manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email: account.email }).getExists();
    if (taken) throw conflict('user.email_taken', 'An account with this e-mail address already exists.');
    const user = await manager.save(manager.create(User, { ...account, active: true, deactivatedAt: null }));
    await this.audit.append(manager, actor, {
      action: 'user.created',
      entity: { type: 'user', id: user.id },
      organizationIds: [user.organizationId],
      data: { organizationId: user.organizationId, roles: user.roles },
    });
    return user;
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user || !canReadAccountsOf(ctx.user, user.organizationId)) throw notFound('user');
      if (!canManageAccount(ctx.user, user) || (dto.roles && !canManageAccount(ctx.user, { ...user, roles: dto.roles }))) {
        throw forbidden('user.manage', 'You may not change this account.');
      }
      if (dto.active === false && user.id === ctx.user.id) {
        throw unprocessable('user.self_deactivation', 'You cannot deactivate your own account.', [{ field: 'active', code: 'self' }]);
      }
      const wasActive = user.active;
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.roles !== undefined) user.roles = dto.roles;
      if (passwordHash) user.passwordHash = passwordHash;
      if (dto.active !== undefined && dto.active !== wasActive) {
        user.active = dto.active;
        user.deactivatedAt = dto.active ? null : new Date();
      }
      const saved = await manager.save(user);
      const action = wasActive && !saved.active ? 'user.deactivated' : !wasActive && saved.active ? 'user.reactivated' : 'user.updated';
      await this.audit.append(manager, ctx, {
        action,
        entity: { type: 'user', id },
        organizationIds: [saved.organizationId],
        // Field names only: display names and passwords never enter the audit trail.
        data: { changed: Object.keys(dto), roles: saved.roles, active: saved.active },
      });
      return UserDto.from(saved);
    });
  }

  async get(actor: AuthenticatedUser, id: string): Promise<UserDto> {
    const user = await this.dataSource.manager.findOneBy(User, { id });
    if (!user || !canReadAccountsOf(actor, user.organizationId)) throw notFound('user');
    return UserDto.from(user);
  }

  async list(actor: AuthenticatedUser, query: UserQueryDto): Promise<Page<UserDto>> {
    const organizationId = isAdmin(actor) ? query.organizationId : actor.organizationId;
    if (query.organizationId && !canReadAccountsOf(actor, query.organizationId)) return { items: [], nextCursor: null };
    const qb = this.dataSource.manager.createQueryBuilder(User, 'u').orderBy('u.id', 'ASC').limit(query.limit + 1);
    if (organizationId) qb.andWhere('u.organization_id = :organizationId', { organizationId });
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('u.id > :id', { id: after[0] });
    return toPage(await qb.getMany(), query.limit, (u) => [u.id], UserDto.from);
  }

  /** The identity behind a token, or null when the account is gone or deactivated. */
  async findActiveIdentity(id: string): Promise<AuthenticatedUser | null> {
    const [row] = (await this.dataSource.query(
      `SELECT u.id, u.organization_id, u.roles, o.type FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = $1 AND u.active`,
      [id],
    )) as { id: string; organization_id: string; roles: AuthenticatedUser['roles']; type: AuthenticatedUser['organizationType'] }[];
    return row ? { id: row.id, organizationId: row.organization_id, organizationType: row.type, roles: row.roles } : null;
  }

  async findForLogin(email: string): Promise<User | null> {
    return this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }
}
