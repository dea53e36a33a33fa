import { DateTime } from 'luxon';
import { addDuration } from '../../src/cases/due-time';
import { SWEDISH_ZONE } from '../../src/common/time/swedish-time';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import {
  createPublishedRoutine,
  openCase,
  PublishedRoutine,
  threeOrganisationRoutine,
} from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface Step {
  key: string;
  status: string;
  ownerOrganizationId: string;
  dependsOn: string[];
  activatedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  outcomeCode: string | null;
  reasonCode: string | null;
  note: string | null;
  metDeadline: boolean | null;
}

interface Case {
  id: string;
  caseNumber: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  closureCode: string | null;
  participants: string[];
  steps: Step[];
}

const HOUR = 3600_000;

describe('collaboration cases: the whole flow of a three-organisation routine', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let health: FixtureOrganization;
  let routine: PublishedRoutine;

  const act = (
    token: string,
    caseId: string,
    key: string,
    action: 'complete' | 'skip',
    body: Record<string, unknown>,
  ) => t.http.post(`/api/v1/cases/${caseId}/steps/${key}/${action}`).set(bearer(token)).send(body);
  const close = (token: string, caseId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/cases/${caseId}/close`).set(bearer(token)).send(body);
  const step = (kase: Case, key: string) => kase.steps.find((candidate) => candidate.key === key) as Step;
  const reminders = async (caseId: string) =>
    await t.dataSource.query<
      { kind: string; step_key: string; organization_id: string; due_at: Date; status: string }[]
    >(
      `SELECT kind, step_key, organization_id, due_at, status FROM reminder WHERE case_id = $1 ORDER BY step_key, due_at, kind`,
      [caseId],
    );
  const outboxTypes = async (caseId: string) =>
    (
      await t.dataSource.query<
        {
          type: string;
          step: string | null;
        }[]
      >(
        `SELECT type, payload->>'stepKey' AS step FROM outbox_event WHERE payload->>'caseId' = $1 ORDER BY type, step`,
        [caseId],
      )
    ).map((row) => (row.step ? `${row.type}:${row.step}` : row.type));

  const openThreeOrganisationCase = () =>
    openCase<Case>(t.http, social.users.caseworker.token, {
      routineId: routine.id,
      participants: [social.id, police.id, health.id],
    });

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    police = await createOrganization(t.app, OrganizationType.Police, '0181');
    health = await createOrganization(t.app, OrganizationType.Healthcare, '0181');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      threeOrganisationRoutine(),
    );
  });
  afterAll(() => t.close());

  it('opens a case: a system-made number, root steps active with due times from the case start, the others waiting', async () => {
    const kase = await openThreeOrganisationCase();
    expect(kase.caseNumber).toMatch(
      new RegExp(`^SAM-${DateTime.fromISO(kase.openedAt, { zone: SWEDISH_ZONE }).year}-\\d{6}$`),
    );
    expect(kase.status).toBe('open');
    expect(kase.participants).toEqual([social.id, police.id, health.id].sort());
    expect(kase.steps.map((s) => [s.key, s.status, s.ownerOrganizationId])).toEqual([
      ['report', 'active', social.id],
      ['police_interview', 'waiting', police.id],
      ['health_check', 'waiting', health.id],
      ['conference', 'waiting', social.id],
    ]);
    expect(step(kase, 'report').dueAt).toBe(addDuration(new Date(kase.openedAt), 'P1D', true).toISOString());
    expect(step(kase, 'conference')).toMatchObject({ dueAt: null, dependsOn: ['police_interview', 'health_check'] });

    const dueAt = new Date(step(kase, 'report').dueAt as string).getTime();
    expect(
      (await reminders(kase.id)).map((r) => [r.kind, r.step_key, r.organization_id, r.due_at.getTime(), r.status]),
    ).toEqual([
      ['due_soon', 'report', social.id, dueAt - 4 * HOUR, 'pending'],
      ['overdue', 'report', social.id, dueAt, 'pending'],
      ['escalation', 'report', social.id, addDuration(new Date(dueAt), 'P1D').getTime(), 'pending'],
    ]);
    expect(await outboxTypes(kase.id)).toEqual(['case.created', 'case.step.activated:report']);
    const fetched = await t.http.get(`/api/v1/cases/${kase.id}`).set(bearer(police.users.manager.token));
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(kase);
  });

  it('runs the steps: gating, ownership, outcomes, dependents with their due times, skip, close', async () => {
    const kase = await openThreeOrganisationCase();
    // Gating: a waiting step answers 409, naming what it waits for.
    const gated = await act(police.users.caseworker.token, kase.id, 'police_interview', 'complete', {
      outcomeCode: 'interview_held',
    });
    expect(gated.status).toBe(409);
    expect(gated.body).toMatchObject({ code: 'case_step.dependencies_open' });
    expect(gated.body.detail).toContain('report');
    // Only the owner's staff act on a step; only allowed outcomes count.
    expect(
      (await act(police.users.caseworker.token, kase.id, 'report', 'complete', { outcomeCode: 'reported' })).status,
    ).toBe(403);
    const wrongOutcome = await act(social.users.caseworker.token, kase.id, 'report', 'complete', {
      outcomeCode: 'plan_agreed',
    });
    expect(wrongOutcome.status).toBe(422);
    expect(wrongOutcome.body.errors).toEqual([
      { field: 'outcomeCode', code: 'not_allowed', allowed: ['reported', 'no_report'] },
    ]);
    expect(
      (await act(social.users.caseworker.token, kase.id, 'nothing', 'complete', { outcomeCode: 'reported' })).status,
    ).toBe(404);

    // Due times from the case start in working days: a case opened on Thursday 25 March 2027, before Easter
    // (Good Friday 26th, Easter Monday 29th) and the change to summer time (28th).
    await t.dataSource.query(`UPDATE collaboration_case SET opened_at = '2027-03-25T10:00:00+01:00' WHERE id = $1`, [
      kase.id,
    ]);
    const before = Date.now();
    const reported = await act(social.users.caseworker.token, kase.id, 'report', 'complete', {
      outcomeCode: 'reported',
      note: 'Anmälan gjord',
    });
    expect(reported.status).toBe(200);
    const afterReport = reported.body as Case;
    expect(step(afterReport, 'report')).toMatchObject({
      status: 'done',
      outcomeCode: 'reported',
      note: 'Anmälan gjord',
      completedBy: social.users.caseworker.id,
      metDeadline: true,
    });
    const reportedAt = new Date(step(afterReport, 'report').completedAt as string).getTime();
    expect(reportedAt).toBeGreaterThanOrEqual(before);
    // Two working days after Thursday 25 March 2027 10:00 CET: Tuesday 30th, Wednesday 31st, 10:00 CEST.
    expect(step(afterReport, 'police_interview')).toMatchObject({
      status: 'active',
      dueAt: '2027-03-31T08:00:00.000Z',
    });
    // 48 hours from the report's completion.
    expect(step(afterReport, 'health_check').status).toBe('active');
    expect(new Date(step(afterReport, 'health_check').dueAt as string).getTime() - reportedAt).toBe(48 * HOUR);
    expect(step(afterReport, 'conference').status).toBe('waiting');

    const afterReportReminders = await reminders(kase.id);
    expect(afterReportReminders.filter((r) => r.step_key === 'report').map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(
      afterReportReminders
        .filter((r) => r.step_key === 'police_interview')
        .map((r) => [r.kind, r.due_at.toISOString(), r.organization_id, r.status]),
    ).toEqual([['overdue', '2027-03-31T08:00:00.000Z', police.id, 'pending']]);
    expect(
      afterReportReminders.filter((r) => r.step_key === 'health_check').map((r) => [r.kind, r.organization_id]),
    ).toEqual([
      ['due_soon', health.id],
      ['overdue', health.id],
    ]);

    // Finished steps answer 409.
    expect(
      (await act(social.users.coordinator.token, kase.id, 'report', 'complete', { outcomeCode: 'reported' })).status,
    ).toBe(409);
    expect(
      (await act(social.users.coordinator.token, kase.id, 'report', 'skip', { reasonCode: 'not_needed' })).status,
    ).toBe(409);

    // Police skip the interview; the conference still waits for health care.
    const skipped = await act(police.users.coordinator.token, kase.id, 'police_interview', 'skip', {
      reasonCode: 'declined_by_party',
    });
    expect(skipped.status).toBe(200);
    expect(step(skipped.body as Case, 'police_interview')).toMatchObject({
      status: 'skipped',
      reasonCode: 'declined_by_party',
      completedBy: police.users.coordinator.id,
      metDeadline: true,
    });
    expect(step(skipped.body as Case, 'conference').status).toBe('waiting');
    expect((await close(social.users.caseworker.token, kase.id, { closureCode: 'completed' })).body).toMatchObject({
      status: 409,
      code: 'case.steps_open',
    });

    // Health care finishes late: recorded as a missed deadline; the conference becomes active.
    await t.dataSource.query(
      `UPDATE case_step SET due_at = now() - interval '1 hour' WHERE case_id = $1 AND key = 'health_check'`,
      [kase.id],
    );
    const examined = await act(health.users.caseworker.token, kase.id, 'health_check', 'complete', {
      outcomeCode: 'examined',
    });
    expect(examined.status).toBe(200);
    const afterExam = examined.body as Case;
    expect(step(afterExam, 'health_check')).toMatchObject({
      status: 'done',
      metDeadline: false,
      completedBy: health.users.caseworker.id,
    });
    const examinedAt = new Date(step(afterExam, 'health_check').completedAt as string);
    expect(step(afterExam, 'conference')).toMatchObject({
      status: 'active',
      dueAt: addDuration(examinedAt, 'P5D', true).toISOString(),
    });

    // A caseworker cannot force; closing with open steps is refused; after the last step anyone acting may close.
    expect(
      (await close(social.users.caseworker.token, kase.id, { closureCode: 'completed', force: true })).status,
    ).toBe(403);
    expect(
      (await act(social.users.caseworker.token, kase.id, 'conference', 'complete', { outcomeCode: 'plan_agreed' }))
        .status,
    ).toBe(200);
    const closed = await close(health.users.caseworker.token, kase.id, { closureCode: 'completed' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closureCode: 'completed' });
    expect((closed.body as Case).closedAt).not.toBeNull();

    // A closed case refuses every change.
    for (const response of [
      await close(social.users.coordinator.token, kase.id, { closureCode: 'completed' }),
      await act(social.users.coordinator.token, kase.id, 'conference', 'skip', { reasonCode: 'not_needed' }),
    ]) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('case.closed');
    }

    expect(await outboxTypes(kase.id)).toEqual([
      'case.closed',
      'case.created',
      'case.step.activated:conference',
      'case.step.activated:health_check',
      'case.step.activated:police_interview',
      'case.step.activated:report',
      'case.step.completed:conference',
      'case.step.completed:health_check',
      'case.step.completed:report',
      'case.step.skipped:police_interview',
    ]);
    expect((await reminders(kase.id)).filter((r) => r.status === 'pending')).toEqual([]);

    const timeline = await t.http.get(`/api/v1/cases/${kase.id}/timeline`).set(bearer(health.users.manager.token));
    expect(timeline.status).toBe(200);
    const events = (
      timeline.body.items as { action: string; actorOrganizationId: string; data: Record<string, unknown> }[]
    ).filter((event) => event.action !== 'case.viewed');
    expect(events.map((event) => [event.action, event.data.stepKey ?? null, event.actorOrganizationId])).toEqual([
      ['case.created', null, social.id],
      ['case.step.completed', 'report', social.id],
      ['case.step.skipped', 'police_interview', police.id],
      ['case.step.completed', 'health_check', health.id],
      ['case.step.completed', 'conference', social.id],
      ['case.closed', null, health.id],
    ]);
    expect(events[1].data).toMatchObject({
      outcomeCode: 'reported',
      metDeadline: true,
      hasNote: true,
      activatedSteps: ['police_interview', 'health_check'],
    });
    expect(JSON.stringify(events)).not.toContain('Anmälan gjord');
  });

  it('refuses a new case with 409 when the year has used its last case number, writing nothing', async () => {
    const year = DateTime.now().setZone(SWEDISH_ZONE).year;
    const counter = async () =>
      (
        await t.dataSource.query<
          {
            last_value: number;
          }[]
        >(`SELECT last_value FROM case_number_counter WHERE year = $1`, [year])
      )[0]?.last_value;
    const cases = async () =>
      Number((await t.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM collaboration_case`))[0].count);
    const before = await counter();
    const casesBefore = await cases();
    await t.dataSource.query(
      `INSERT INTO case_number_counter (year, last_value) VALUES ($1, 999999) ON CONFLICT (year) DO UPDATE SET last_value = 999999`,
      [year],
    );
    try {
      const response = await t.http
        .post('/api/v1/cases')
        .set(bearer(social.users.caseworker.token))
        .send({ routineId: routine.id, participants: [social.id, police.id, health.id] });
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'case.numbers_exhausted' });
      expect(await cases()).toBe(casesBefore);
    } finally {
      if (before === undefined) {
        await t.dataSource.query(`DELETE FROM case_number_counter WHERE year = $1`, [year]);
      } else {
        await t.dataSource.query(`UPDATE case_number_counter SET last_value = $2 WHERE year = $1`, [year, before]);
      }
    }
  });

  it('forces a case closed: coordinators only; open steps become skipped with reason case_closed and their reminders are cancelled', async () => {
    const kase = await openThreeOrganisationCase();
    expect((await close(social.users.coordinator.token, kase.id, { closureCode: 'withdrawn' })).status).toBe(409);
    const forced = await close(police.users.coordinator.token, kase.id, { closureCode: 'withdrawn', force: true });
    expect(forced.status).toBe(200);
    const closed = forced.body as Case;
    expect(closed).toMatchObject({ status: 'closed', closureCode: 'withdrawn' });
    expect(closed.steps.map((s) => [s.key, s.status, s.reasonCode, s.completedBy, s.metDeadline])).toEqual([
      ['report', 'skipped', 'case_closed', police.users.coordinator.id, true],
      ['police_interview', 'skipped', 'case_closed', police.users.coordinator.id, null],
      ['health_check', 'skipped', 'case_closed', police.users.coordinator.id, null],
      ['conference', 'skipped', 'case_closed', police.users.coordinator.id, null],
    ]);
    expect((await reminders(kase.id)).map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await outboxTypes(kase.id)).toEqual([
      'case.closed',
      'case.created',
      'case.step.activated:report',
      'case.step.skipped:conference',
      'case.step.skipped:health_check',
      'case.step.skipped:police_interview',
      'case.step.skipped:report',
    ]);
    expect(
      (await act(social.users.caseworker.token, kase.id, 'report', 'complete', { outcomeCode: 'reported' })).body.code,
    ).toBe('case.closed');
  });

  it('audits every change in the same transaction as the change, with the participants, and each read of a case', async () => {
    const kase = await openThreeOrganisationCase();
    await t.http.get(`/api/v1/cases/${kase.id}`).set(bearer(social.users.manager.token)).expect(200);
    const rows = await t.dataSource.query<
      { action: string; organization_ids: string[]; data: Record<string, unknown> }[]
    >(
      `SELECT action, organization_ids, data FROM audit_event WHERE entity_type = 'case' AND entity_id = $1 ORDER BY sequence`,
      [kase.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['case.created', 'case.viewed']);
    for (const row of rows) {
      expect([...row.organization_ids].sort()).toEqual([social.id, police.id, health.id].sort());
    }
    expect(rows[0].data).toMatchObject({
      caseNumber: kase.caseNumber,
      routineId: routine.id,
      routineVersion: 1,
      hasExternalReference: false,
    });
    expect(rows[1].data).toEqual({ caseNumber: kase.caseNumber, view: 'case' });

    // A change that fails leaves nothing behind: no step change, no reminders, no outbox rows, no audit event.
    const auditCount = async () =>
      Number(
        (
          await t.dataSource.query<
            {
              n: string;
            }[]
          >(`SELECT count(*) AS n FROM audit_event WHERE entity_id = $1`, [kase.id])
        )[0].n,
      );
    const eventsBefore = await auditCount();
    expect(
      (await act(social.users.caseworker.token, kase.id, 'report', 'complete', { outcomeCode: 'unknown_outcome' }))
        .status,
    ).toBe(422);
    expect(await auditCount()).toBe(eventsBefore);
    expect(await outboxTypes(kase.id)).toEqual(['case.created', 'case.step.activated:report']);
  });
});
