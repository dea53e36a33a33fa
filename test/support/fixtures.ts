import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { hashPassword } from '../../src/users/users.service';
import { TEST_ADMIN, uniqueSuffix } from './test-app';

export const FIXTURE_PASSWORD = 'fixture-password-123';
let passwordHash: Promise<string> | undefined;

export interface FixtureUser {
  id: string;
  email: string;
  organizationId: string;
  roles: Role[];
  token: string;
}

export interface FixtureOrganization {
  id: string;
  name: string;
  type: OrganizationType;
  municipalityCode: string;
  /** One user per role, signed in. */
  users: Record<Role, FixtureUser>;
}

/**
 * Inserts an organisation with one signed-in user of each role straight into the database (fast: one
 * password hash per run). Suites build their own organisations, so they never see each other's data.
 */
export async function createOrganization(
  app: NestFastifyApplication,
  type: OrganizationType,
  municipalityCode = '0180',
  roles: Role[] = [Role.Coordinator, Role.Caseworker, Role.Manager, Role.Auditor],
): Promise<FixtureOrganization> {
  const dataSource = app.get(DataSource);
  const suffix = uniqueSuffix();
  const name = `${type} ${municipalityCode} ${suffix}`;
  const [{ id }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO organization (name, type, municipality_code) VALUES ($1, $2, $3) RETURNING id`,
    [name, type, municipalityCode],
  );
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  const users = {} as Record<Role, FixtureUser>;
  for (const role of roles) {
    const email = `${role}.${suffix}@test.samverkan.local`;
    const [{ id: userId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [email, `Test ${role}`, id, [role], hash],
    );
    users[role] = { id: userId, email, organizationId: id, roles: [role], token: await issueToken(app, userId) };
  }
  return { id, name, type, municipalityCode, users };
}

/** A token as the login endpoint would issue it, without paying for an argon2 verification per fixture user. */
export async function issueToken(app: NestFastifyApplication, userId: string): Promise<string> {
  return (await app.get(AuthService).issueToken(userId)).accessToken;
}

export async function login(app: NestFastifyApplication, email: string, password: string): Promise<string> {
  const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200) {
    throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { accessToken: string }).accessToken;
}

export const loginAdmin = (app: NestFastifyApplication) => login(app, TEST_ADMIN.email, TEST_ADMIN.password);

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
