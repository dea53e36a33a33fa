import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AdoptionStatus } from '../adoptions/adoption-status';
import { AdoptionsService } from '../adoptions/adoptions.service';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { OrganizationsService } from '../organizations/organizations.service';
import { ReasonCodesRepository } from '../reason-codes/reason-codes.repository';
import { ReasonCodesService } from '../reason-codes/reason-codes.service';
import { ReminderPlanner } from '../reminders/reminder-planner';
import { RemindersRepository } from '../reminders/reminders.repository';
import { loadRoutineLibrary } from '../routines/routine-library';
import { RoutinesRepository } from '../routines/routines.repository';
import { hashPassword, UsersService } from '../users/users.service';
import { runCli, withDataSource } from './cli-runtime';
import { SCALE_EMAIL_DOMAIN, SCALE_ORGANIZATIONS, SCALE_USERS } from './scale-county';
import { CaseHistoryCounts, County, writeCaseHistory } from './scale-history';

export const DEFAULT_SCALE_PASSWORD = 'samverkan-scale-2026';

/** Who signs in to the seeded county: written by `--out`, read by benchmarks. */
export interface ScaleSignIn {
  email: string;
  password: string;
  roles: Role[];
  organizationId: string;
}

export interface ScaleSeedResult extends CaseHistoryCounts {
  organizations: number;
  users: ScaleSignIn[];
  routines: number;
  adoptions: number;
  seconds: number;
}

/**
 * A realistic county at scale in an empty database: Stockholm county's 26 municipalities with about 300
 * organisations and their staff, the starter routines (owned by the county board) adopted by every organisation
 * that takes part in them, then `cases` cases over the three years before `now` with their steps, reminders,
 * notifications and audit events. The setup goes through the services; the history is written set-based
 * (src/cli/scale-history.ts) and its audit events are chained in Node with the chain's own hash functions.
 */
export async function seedScale(
  dataSource: DataSource,
  options: { cases: number; password: string; now?: Date; progress?: (line: string) => void },
): Promise<ScaleSeedResult> {
  const started = Date.now();
  const progress = options.progress ?? (() => undefined);
  const taken = await new OrganizationsRepository().any(dataSource.manager);
  if (taken) {
    throw new Error('seed:scale needs an empty database (no organisations yet)');
  }

  const audit = new AuditService(dataSource);
  const organizationsService = new OrganizationsService(dataSource, audit, new OrganizationsRepository());
  const usersService = new UsersService(dataSource, audit);
  const passwordHash = await hashPassword(options.password);
  const ids = new Map<string, string>();
  const staff = new Map<string, { id: string; roles: Role[] }[]>();
  await dataSource.transaction(async (manager) => {
    for (const organization of SCALE_ORGANIZATIONS) {
      const created = await organizationsService.insert(manager, SYSTEM_ACTOR, {
        name: organization.name,
        type: organization.type,
        municipalityCode: organization.municipalityCode,
        ...(organization.parent ? { parentId: ids.get(organization.parent) } : {}),
      });
      ids.set(organization.key, created.id);
    }
    for (const user of SCALE_USERS) {
      const organizationId = ids.get(user.organization) as string;
      const created = await usersService.insert(manager, SYSTEM_ACTOR, {
        email: user.email,
        displayName: user.displayName,
        organizationId,
        roles: user.roles,
        passwordHash,
      });
      staff.set(organizationId, [...(staff.get(organizationId) ?? []), { id: created.id, roles: user.roles }]);
    }
  });
  progress(`${SCALE_ORGANIZATIONS.length} organisations, ${SCALE_USERS.length} users`);

  const countyBoard = ids.get('county_board') as string;
  const library = await loadRoutineLibrary(dataSource, { organizationId: countyBoard });
  const county: County = {
    routines: library.published.map(({ routineId, version }) => ({ routineId, version })),
    units: SCALE_ORGANIZATIONS.filter((organization) => organization.unit).map((organization) => ({
      organizationId: ids.get(organization.key) as string,
      type: organization.type,
      municipalityCode: organization.municipalityCode,
    })),
    caseworkers: [...staff].map(([organizationId, members]) => ({
      organizationId,
      userIds: members.filter((member) => member.roles.includes(Role.Caseworker)).map((member) => member.id),
    })),
  };
  const adoptions = await adoptAll(dataSource, audit, county, staff, options.now ?? new Date());
  progress(`${library.published.length} routines, ${adoptions} adoptions`);

  const counts = await writeCaseHistory(dataSource, county, {
    cases: options.cases,
    now: options.now ?? new Date(),
    progress,
  });
  const busiest = counts.busiestOrganizationId;
  const signIn = (email: string): ScaleSignIn => {
    const user = SCALE_USERS.find((candidate) => candidate.email === email);
    if (!user) {
      throw new Error(`no scale user ${email}`);
    }
    return {
      email,
      password: options.password,
      roles: user.roles,
      organizationId: ids.get(user.organization) as string,
    };
  };
  const busiestKey = SCALE_ORGANIZATIONS.find((organization) => ids.get(organization.key) === busiest)?.key;
  return {
    ...counts,
    organizations: SCALE_ORGANIZATIONS.length,
    users: [
      ...(busiestKey
        ? ['caseworker1', 'caseworker2', 'manager1', 'coordinator1'].map((who) =>
            signIn(`${who}.${busiestKey}@${SCALE_EMAIL_DOMAIN}`),
          )
        : []),
      signIn(SCALE_USERS[1].email),
      signIn(SCALE_USERS[0].email),
    ],
    routines: library.published.length,
    adoptions,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

/**
 * Every unit that owns a step of a routine adopts it (approved by management three years back), with the other
 * types of its municipality's team as partners; through AdoptionsService, so review reminders and audit come as usual.
 */
async function adoptAll(
  dataSource: DataSource,
  audit: AuditService,
  county: County,
  staff: Map<string, { id: string; roles: Role[] }[]>,
  now: Date,
): Promise<number> {
  const routinesRepository = new RoutinesRepository();
  const adoptions = new AdoptionsService(
    dataSource,
    audit,
    new ReasonCodesService(dataSource, audit, new ReasonCodesRepository()),
    new ReminderPlanner(new RemindersRepository(dataSource)),
    routinesRepository,
  );
  const types = await routinesRepository.responsibleTypes(
    dataSource.manager,
    county.routines.map((routine) => routine.routineId),
  );
  const approvedAt = new Date(now.getTime() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
  let count = 0;
  for (const routine of county.routines) {
    const needed = types.find((row) => row.routineId === routine.routineId)?.types ?? [];
    for (const municipalityCode of new Set(county.units.map((unit) => unit.municipalityCode))) {
      const team = county.units.filter(
        (unit) => unit.municipalityCode === municipalityCode && needed.includes(unit.type),
      );
      for (const unit of team) {
        const coordinator = staff.get(unit.organizationId)?.find((member) => member.roles.includes(Role.Coordinator));
        if (!coordinator) {
          continue;
        }
        const ctx: RequestContext = {
          user: {
            id: coordinator.id,
            organizationId: unit.organizationId,
            organizationType: unit.type,
            roles: coordinator.roles,
          },
          requestId: 'seed-scale',
        };
        await adoptions.create(ctx, {
          routineId: routine.routineId,
          version: routine.version,
          organizationId: unit.organizationId,
          partnerOrganizationIds: team.filter((other) => other !== unit).map((other) => other.organizationId),
          status: AdoptionStatus.Adopted,
          approvedAt,
          approvedBy: 'management',
        });
        count += 1;
      }
    }
  }
  return count;
}

if (require.main === module) {
  runCli('Seeding the scale county', async (env, args) => {
    const option = (name: string) => {
      const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
      if (at < 0) {
        return undefined;
      }
      return args[at].includes('=') ? args[at].slice(name.length + 3) : args[at + 1];
    };
    const cases = Number(option('cases') ?? 10_000);
    if (!Number.isInteger(cases) || cases < 0 || cases > 2_900_000) {
      throw new Error('--cases must be a whole number up to 2,900,000');
    }
    const password = option('password') ?? DEFAULT_SCALE_PASSWORD;
    if (password.length < 12) {
      throw new Error('--password must be at least 12 characters');
    }
    const out = option('out');
    const result = await withDataSource(env, (dataSource) =>
      seedScale(dataSource, { cases, password, progress: (line) => process.stdout.write(`${line}\n`) }),
    );
    if (out) {
      writeFileSync(out, `${JSON.stringify({ users: result.users }, null, 2)}\n`);
    }
    const { users, ...figures } = result;
    process.stdout.write(
      `${JSON.stringify(figures)}\n${out ? `sign-in accounts (${users.length}) written to ${out}\n` : ''}`,
    );
  });
}
