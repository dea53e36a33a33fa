import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit.service';
import { transactionLock } from '../database/transaction-control';
import { OrganizationsService } from '../organizations/organizations.service';
import { Role } from '../common/auth/role';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OrganizationType } from '../organizations/organization-type';
import { User } from '../users/entities/user.entity';
import { hashPassword, UsersService } from '../users/users.service';

/** Serialises replicas starting together. */
const BOOTSTRAP_LOCK_KEY = 748_213_002;

export const EMBEDDED_ADMIN_EMAIL = 'admin@samverkan.local';

/** Creates the first admin when no account exists: from ADMIN_EMAIL/ADMIN_PASSWORD, or, in embedded mode, with a one-time password printed once. */
@Injectable()
export class BootstrapAdminService {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  async ensureAdmin(): Promise<void> {
    const generated = !this.config.bootstrapAdmin && this.config.database.mode === 'embedded';
    if (!this.config.bootstrapAdmin && !generated) {
      return;
    }
    const email = this.config.bootstrapAdmin?.email ?? EMBEDDED_ADMIN_EMAIL;
    const password = this.config.bootstrapAdmin?.password ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    const created = await this.dataSource.transaction(async (manager) => {
      // Serialises replicas starting together; the check and the insert commit as one.
      await transactionLock(manager, BOOTSTRAP_LOCK_KEY);
      if ((await manager.count(User)) > 0) {
        return false;
      }
      const organization = await this.organizations.insert(manager, SYSTEM_ACTOR, {
        name: 'Samverkan administration',
        type: OrganizationType.Other,
        municipalityCode: '0180',
      });
      await this.users.insert(manager, SYSTEM_ACTOR, {
        email,
        displayName: 'Administrator',
        organizationId: organization.id,
        roles: [Role.Admin],
        passwordHash,
      });
      return true;
    });
    if (!created) {
      return;
    }
    if (generated) {
      // Printed once, to the console only: the password is not stored anywhere in clear.
      process.stdout.write(
        `\n  First start: an admin account was created.\n    e-mail:   ${email}\n    password: ${password}\n  Sign in with POST /api/v1/auth/login and change the password (POST /api/v1/auth/password).\n\n`,
      );
    } else {
      this.logger.log('Created the first admin account from ADMIN_EMAIL');
    }
  }
}
