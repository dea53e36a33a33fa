import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { OrganizationType } from '../../src/organizations/organization-type';
import type { RoutineDefinition, RoutineStepDefinition } from '../../src/routines/routine-definition';
import { definitionChecksum } from '../../src/routines/routine-document';

/**
 * Published routines straight in the database (no routines API needed): a `routine` row and its
 * `routine_version` rows, as publishing would leave them; and cases run from them. No Jest globals, so the
 * benchmark uses it too.
 */
export interface PublishedRoutine {
  id: string;
  version: number;
}

export function routineStep(
  key: string,
  responsibleOrganizationType: OrganizationType,
  step: Partial<Omit<RoutineStepDefinition, 'key' | 'responsibleOrganizationType'>> = {},
): RoutineStepDefinition {
  return {
    key,
    title: `Step ${key}`,
    responsibleOrganizationType,
    dependsOn: [],
    dueAfter: 'P5D',
    dueFrom: 'dependencies_done',
    workingDays: false,
    remindBefore: null,
    escalateAfter: null,
    outcomeCodes: ['done'],
    ...step,
  };
}

export function routineDefinition(
  steps: RoutineStepDefinition[],
  definition: Partial<Omit<RoutineDefinition, 'steps'>> = {},
): RoutineDefinition {
  return { title: 'Collaboration routine', description: null, goals: [3], measures: [], steps, ...definition };
}

export async function createPublishedRoutine(
  dataSource: DataSource,
  owner: { organizationId: string; userId: string },
  definition: RoutineDefinition,
): Promise<PublishedRoutine> {
  const [{ id }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO routine (owner_organization_id, latest_version) VALUES ($1, 1) RETURNING id`,
    [owner.organizationId],
  );
  await insertVersion(dataSource, id, 1, definition, owner.userId);
  return { id, version: 1 };
}

/** Publishes the next version of a routine. */
export async function publishNextVersion(
  dataSource: DataSource,
  routineId: string,
  definition: RoutineDefinition,
  publishedBy: string,
): Promise<number> {
  const [[{ latest_version: version }]] = await dataSource.query<[{ latest_version: number }[], number]>(
    `UPDATE routine SET latest_version = latest_version + 1, updated_at = now() WHERE id = $1 RETURNING latest_version`,
    [routineId],
  );
  await insertVersion(dataSource, routineId, version, definition, publishedBy);
  return version;
}

export async function retireRoutine(dataSource: DataSource, routineId: string): Promise<void> {
  await dataSource.query(`UPDATE routine SET retired_at = now(), updated_at = now() WHERE id = $1`, [routineId]);
}

async function insertVersion(
  dataSource: DataSource,
  routineId: string,
  version: number,
  definition: RoutineDefinition,
  publishedBy: string,
) {
  await dataSource.query(
    `INSERT INTO routine_version (routine_id, version, definition, checksum, published_at, published_by) VALUES ($1, $2, $3, $4, now(), $5)`,
    [routineId, version, JSON.stringify(definition), definitionChecksum(definition), publishedBy],
  );
}

/**
 * The three-organisation routine of the cases suites: social services report, then police and health care in
 * parallel (the interview due two working days after the case start, the examination 48 hours after the report),
 * then a joint conference five working days after both.
 */
export function threeOrganisationRoutine(): RoutineDefinition {
  return routineDefinition(
    [
      routineStep('report', OrganizationType.SocialServices, {
        dueAfter: 'P1D',
        dueFrom: 'case_start',
        workingDays: true,
        remindBefore: 'PT4H',
        escalateAfter: 'P1D',
        outcomeCodes: ['reported', 'no_report'],
      }),
      routineStep('police_interview', OrganizationType.Police, {
        dependsOn: ['report'],
        dueAfter: 'P2D',
        dueFrom: 'case_start',
        workingDays: true,
        outcomeCodes: ['interview_held', 'declined'],
      }),
      routineStep('health_check', OrganizationType.Healthcare, {
        dependsOn: ['report'],
        dueAfter: 'PT48H',
        remindBefore: 'PT2H',
        outcomeCodes: ['examined'],
      }),
      routineStep('conference', OrganizationType.SocialServices, {
        dependsOn: ['police_interview', 'health_check'],
        dueAfter: 'P5D',
        workingDays: true,
        outcomeCodes: ['plan_agreed'],
      }),
    ],
    { title: 'Structured collaboration in individual cases', goals: [3, 5], measures: [] },
  );
}

/** Opens a case through the API as the token's user; anything but 201 is an error. */
export async function openCase<Body = { id: string }>(
  http: TestApp['http'],
  token: string,
  body: { routineId: string; participants: string[] },
): Promise<Body> {
  const response = await http
    .post('/api/v1/cases')
    .set({ Authorization: `Bearer ${token}` })
    .send(body);
  if (response.status !== 201) {
    throw new Error(`opening a case: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as Body;
}
