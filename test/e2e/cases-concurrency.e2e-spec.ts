import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import {
  createPublishedRoutine,
  openCase,
  PublishedRoutine,
  threeOrganisationRoutine,
} from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Concurrent HTTP requests on one case: the case row lock lets exactly one change through at a time. */
describe('collaboration cases under concurrent requests', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let routine: PublishedRoutine;

  const complete = (token: string, caseId: string, key: string, outcomeCode: string) =>
    t.http.post(`/api/v1/cases/${caseId}/steps/${key}/complete`).set(bearer(token)).send({ outcomeCode });
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.dataSource.query<{ n: string }[]>(sql, params))[0].n);

  const openThreeOrganisationCase = async () =>
    (
      await openCase(t.http, social.users.caseworker.token, {
        routineId: routine.id,
        participants: [social.id, police.id, health.id],
      })
    ).id;

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0187');
    police = await createOrganization(t.app, OrganizationType.Police, '0187');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0187');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      threeOrganisationRoutine(),
    );
  });
  afterAll(() => t.close());

  it('lets exactly one of two concurrent completions of a step succeed; the other gets 409', async () => {
    for (let round = 0; round < 8; round += 1) {
      const caseId = await openThreeOrganisationCase();
      const responses = await Promise.all([
        complete(social.users.caseworker.token, caseId, 'report', 'reported'),
        complete(social.users.coordinator.token, caseId, 'report', 'no_report'),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const [winner, loser] = responses[0].status === 200 ? responses : [responses[1], responses[0]];
      expect(loser.body.code).toBe('case_step.finished');
      const [step] = await t.dataSource.query<
        {
          outcome_code: string;
          completed_by: string;
        }[]
      >(`SELECT outcome_code, completed_by FROM case_step WHERE case_id = $1 AND key = 'report'`, [caseId]);
      const winningStep = (winner.body.steps as { key: string; outcomeCode: string; completedBy: string }[]).find(
        (s) => s.key === 'report',
      );
      expect(step).toEqual({ outcome_code: winningStep?.outcomeCode, completed_by: winningStep?.completedBy });
      expect(
        await count(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'case.step.completed'`, [
          caseId,
        ]),
      ).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM reminder WHERE case_id = $1 AND step_key = 'police_interview'`, [
          caseId,
        ]),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*) AS n FROM outbox_event WHERE payload->>'caseId' = $1 AND type = 'case.step.activated'`,
          [caseId],
        ),
      ).toBe(3);
    }
  });

  it('activates a step once when its last two dependencies finish at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const caseId = await openThreeOrganisationCase();
      await complete(social.users.caseworker.token, caseId, 'report', 'reported').expect(200);
      const responses = await Promise.all([
        complete(police.users.caseworker.token, caseId, 'police_interview', 'interview_held'),
        complete(health.users.caseworker.token, caseId, 'health_check', 'examined'),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const conferenceStates = responses.map(
        (response) =>
          (response.body.steps as { key: string; status: string }[]).find((s) => s.key === 'conference')?.status,
      );
      // The later of the two sees both dependencies done and activates the conference; the earlier leaves it waiting.
      expect(conferenceStates.sort()).toEqual(['active', 'waiting']);
      expect(
        await count(`SELECT count(*) AS n FROM reminder WHERE case_id = $1 AND step_key = 'conference'`, [caseId]),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*) AS n FROM outbox_event WHERE payload->>'caseId' = $1 AND type = 'case.step.activated' AND payload->>'stepKey' = 'conference'`,
          [caseId],
        ),
      ).toBe(1);
    }
  });

  it('never leaves an active step in a case closed while a step is being completed', async () => {
    for (let round = 0; round < 5; round += 1) {
      const caseId = await openThreeOrganisationCase();
      const [completion, closing] = await Promise.all([
        complete(social.users.caseworker.token, caseId, 'report', 'reported'),
        t.http
          .post(`/api/v1/cases/${caseId}/close`)
          .set(bearer(social.users.coordinator.token))
          .send({ closureCode: 'withdrawn', force: true }),
      ]);
      expect(closing.status).toBe(200);
      expect([200, 409]).toContain(completion.status);
      if (completion.status === 409) {
        expect(completion.body.code).toBe('case.closed');
      }
      const open = await count(
        `SELECT count(*) AS n FROM case_step WHERE case_id = $1 AND status IN ('waiting', 'active')`,
        [caseId],
      );
      expect(open).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM reminder WHERE case_id = $1 AND status = 'pending'`, [caseId]),
      ).toBe(0);
    }
  });

  it('numbers concurrently opened cases uniquely and without gaps', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.http
          .post('/api/v1/cases')
          .set(bearer((index % 2 === 0 ? social : police).users.caseworker.token))
          .send({ routineId: routine.id, participants: [social.id, police.id, health.id] }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const numbers = responses.map((response) => response.body.caseNumber as string);
    expect(new Set(numbers).size).toBe(20);
    const [year] = numbers.map((n) => n.slice(4, 8));
    const sequence = numbers.map((n) => Number(n.slice(9))).sort((x, y) => x - y);
    expect(numbers.every((n) => n.startsWith(`SAM-${year}-`))).toBe(true);
    // Gapless: other suites may open cases meanwhile, so only the numbers this suite got are known to be unique.
    const all = await t.dataSource.query<
      {
        case_number: string;
      }[]
    >(`SELECT case_number FROM collaboration_case WHERE case_number LIKE $1 ORDER BY case_number`, [`SAM-${year}-%`]);
    const allNumbers = all.map((row) => Number(row.case_number.slice(9)));
    expect(allNumbers).toEqual(Array.from({ length: allNumbers.length }, (_, index) => index + 1));
    expect(sequence.every((n) => allNumbers.includes(n))).toBe(true);
  });
});
