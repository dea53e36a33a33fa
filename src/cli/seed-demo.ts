import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { loadRoutineLibrary } from '../routines/routine-library';
import { normalizeEmail } from '../users/email-address';
import { User } from '../users/entities/user.entity';
import { hashPassword, UsersService } from '../users/users.service';
import { runCli, withDataSource } from './cli-runtime';
import { DEMO_ORGANIZATIONS, DEMO_USERS, demoOrganizationOf } from './demo-region';

export const DEFAULT_DEMO_PASSWORD = 'samverkan-demo-2026';

export interface DemoSeedResult {
  organizationsCreated: number;
  usersCreated: number;
  routinesPublished: number;
}

/** Creates the demo region, its users and the starter routine library. Running it again creates nothing twice. */
export async function seedDemo(dataSource: DataSource, password: string): Promise<DemoSeedResult> {
  const audit = new AuditService(dataSource);
  const users = new UsersService(dataSource, audit);
  const organizations = new OrganizationsService(dataSource, audit, new OrganizationsRepository());
  const passwordHash = await hashPassword(password);
  const organizationIds = new Map<string, string>();
  let organizationsCreated = 0;
  let usersCreated = 0;
  await dataSource.transaction(async (manager) => {
    for (const demo of DEMO_ORGANIZATIONS) {
      let organization = await manager.findOneBy(Organization, {
        name: demo.name,
        municipalityCode: demo.municipalityCode,
      });
      if (!organization) {
        organization = await organizations.insert(manager, SYSTEM_ACTOR, {
          name: demo.name,
          type: demo.type,
          municipalityCode: demo.municipalityCode,
        });
        organizationsCreated += 1;
      }
      organizationIds.set(demo.key, organization.id);
    }
    for (const demo of DEMO_USERS) {
      const exists = await manager.existsBy(User, { email: normalizeEmail(demo.email) });
      if (exists) {
        continue;
      }
      const organizationId = organizationIds.get(demo.organization) as string;
      await users.insert(manager, SYSTEM_ACTOR, {
        email: demo.email,
        displayName: demo.displayName,
        organizationId,
        roles: demo.roles,
        passwordHash,
      });
      usersCreated += 1;
    }
  });
  const coordinator = await dataSource.manager.findOneByOrFail(User, { email: 'coordinator@demo.samverkan.local' });
  const library = await loadRoutineLibrary(dataSource, {
    organizationId: coordinator.organizationId,
    userId: coordinator.id,
  });
  return { organizationsCreated, usersCreated, routinesPublished: library.published.length };
}

/** What the command prints: how to sign in, and each account's roles and organisation. */
export function demoSignInText(result: DemoSeedResult, password: string): string {
  const rows = DEMO_USERS.map((user) => [user.email, user.roles.join(', '), demoOrganizationOf(user).name]);
  const width = (column: number) => Math.max(...rows.map((row) => row[column].length));
  return (
    `Demo region ready: ${result.organizationsCreated} organisations, ${result.usersCreated} users and ${result.routinesPublished} routines created now ` +
    `(${DEMO_ORGANIZATIONS.length} organisations and ${DEMO_USERS.length} users in all).\n\n` +
    `Sign in with POST /api/v1/auth/login, password "${password}" for every demo account:\n` +
    rows
      .map(([email, roles, organization]) => `  ${email.padEnd(width(0))}  ${roles.padEnd(width(1))}  ${organization}`)
      .join('\n') +
    '\n'
  );
}

if (require.main === module) {
  runCli('Seeding the demo', async (env, args) => {
    const password =
      args.find((arg) => arg.startsWith('--password='))?.slice('--password='.length) ?? DEFAULT_DEMO_PASSWORD;
    if (password.length < 12) {
      throw new Error('--password must be at least 12 characters');
    }
    const result = await withDataSource(env, (dataSource) => seedDemo(dataSource, password));
    process.stdout.write(demoSignInText(result, password));
  });
}
