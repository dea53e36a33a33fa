import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { OrganizationType } from '../../src/organizations/organization-type';
import { reminderJobId } from '../../src/reminders/reminder-queue';
import { ReminderDeliveryService } from '../../src/reminders/reminder-delivery.service';
import { eventually, sleep } from '../support/eventually';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { createActiveStep } from '../support/reminder-fixtures';
import { createPublishedRoutine, PublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface ReminderRow {
  id: string;
  kind: string;
  status: string;
  due_at: Date;
  sent_at: Date | null;
  queued_at: Date | null;
}

/** Case step and adoption review reminders, delivered by the worker of the booted app (role "all") with durations of seconds. */
describe('reminders end to end', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let routine: PublishedRoutine;

  const openCase = async (): Promise<{ id: string; caseNumber: string }> => {
    const response = await t.http
      .post('/api/v1/cases')
      .set(bearer(social.users.caseworker.token))
      .send({ routineId: routine.id, participants: [social.id, police.id] });
    expect(response.status).toBe(201);
    return response.body as { id: string; caseNumber: string };
  };
  const remindersOf = async (caseId: string) =>
    await t.dataSource.query<ReminderRow[]>(
      `SELECT id, kind, status, due_at, sent_at, queued_at FROM reminder WHERE case_id = $1 AND step_key = 'report' ORDER BY due_at`,
      [caseId],
    );
  const inbox = async (token: string, query = '') => {
    const response = await t.http.get(`/api/v1/notifications${query}`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as { items: Record<string, unknown>[]; nextCursor: string | null };
  };
  const forCase = (items: Record<string, unknown>[], caseId: string) => items.filter((item) => item.caseId === caseId);

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    police = await createOrganization(t.app, OrganizationType.Police, '0181');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([
        routineStep('report', OrganizationType.SocialServices, {
          title: 'Gör en orosanmälan',
          dueAfter: 'PT4S',
          dueFrom: 'case_start',
          remindBefore: 'PT2S',
          escalateAfter: 'PT2S',
          outcomeCodes: ['reported'],
        }),
        routineStep('interview', OrganizationType.Police, { dependsOn: ['report'], dueAfter: 'P2D' }),
      ]),
    );
  });
  afterAll(() => t.close());

  it('delivers due-soon and overdue to caseworkers and coordinators, and the escalation to managers, each once and on time', async () => {
    const kase = await openCase();
    const rows = await eventually(
      async () => {
        const current = await remindersOf(kase.id);
        return current.length === 3 && current.every((row) => row.status === 'sent') && current;
      },
      20_000,
      'three sent reminders',
    );
    expect(rows.map((row) => row.kind)).toEqual(['due_soon', 'overdue', 'escalation']);
    for (const row of rows) {
      const lateness = (row.sent_at as Date).getTime() - row.due_at.getTime();
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(2000);
    }

    for (const user of [social.users.caseworker, social.users.coordinator]) {
      const items = forCase((await inbox(user.token)).items, kase.id);
      expect(items.map((item) => item.kind)).toEqual(['overdue', 'due_soon']);
      expect(items[0]).toEqual({
        id: expect.any(String),
        kind: 'overdue',
        subjectType: 'case_step',
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        stepKey: 'report',
        adoptionId: null,
        title: 'Gör en orosanmälan',
        remindAt: rows[1].due_at.toISOString(),
        dueAt: rows[1].due_at.toISOString(),
        reviewDueOn: null,
        link: `/api/v1/cases/${kase.id}`,
        readAt: null,
        createdAt: expect.any(String),
      });
      // Due soon: reminded two seconds before the step's deadline, and the deadline is what it names as dueAt.
      expect(items[1]).toMatchObject({
        kind: 'due_soon',
        remindAt: rows[0].due_at.toISOString(),
        dueAt: rows[1].due_at.toISOString(),
      });
    }
    const escalations = forCase((await inbox(social.users.manager.token)).items, kase.id);
    expect(escalations).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        remindAt: rows[2].due_at.toISOString(),
        dueAt: rows[1].due_at.toISOString(),
      }),
    ]);
    expect(forCase((await inbox(social.users.auditor.token)).items, kase.id)).toEqual([]);
    for (const user of Object.values(police.users)) {
      expect(forCase((await inbox(user.token)).items, kase.id)).toEqual([]);
    }

    const audit = await t.dataSource.query<
      {
        entity_id: string;
        actor_type: string;
        organization_ids: string[];
        data: { kind: string; recipients: number };
      }[]
    >(
      `SELECT entity_id, actor_type, organization_ids, data FROM audit_event WHERE action = 'reminder.sent' AND entity_id = ANY($1::text[])`,
      [rows.map((row) => row.id)],
    );
    expect(
      audit.map((event) => [event.data.kind, event.data.recipients, event.actor_type, event.organization_ids]).sort(),
    ).toEqual(
      [
        ['due_soon', 2, 'system', [social.id]],
        ['escalation', 1, 'system', [social.id]],
        ['overdue', 2, 'system', [social.id]],
      ].sort(),
    );
    const outbox = await t.dataSource.query<{ organization_ids: string[]; payload: Record<string, unknown> }[]>(
      `SELECT organization_ids, payload FROM outbox_event WHERE type = 'notification.created' AND payload->>'caseId' = $1 ORDER BY payload->>'dueAt'`,
      [kase.id],
    );
    expect(outbox.map((event) => [event.payload.kind, event.payload.stepKey, event.organization_ids])).toEqual([
      ['due_soon', 'report', [social.id]],
      ['overdue', 'report', [social.id]],
      ['escalation', 'report', [social.id]],
    ]);
  });

  it('cancels the reminders of a step completed in time: their jobs leave the queue and nothing is sent', async () => {
    const kase = await openCase();
    const queue = t.app.get<Queue>(getQueueToken('reminders'));
    const rows = await eventually(
      async () => {
        const current = await remindersOf(kase.id);
        return current.length === 3 && current.every((row) => row.queued_at !== null) && current;
      },
      5000,
      'queued reminders',
    );
    expect(await queue.getJobState(reminderJobId(rows[0].id))).toBe('delayed');

    const completed = await t.http
      .post(`/api/v1/cases/${kase.id}/steps/report/complete`)
      .set(bearer(social.users.caseworker.token))
      .send({ outcomeCode: 'reported' });
    expect(completed.status).toBe(200);
    await eventually(
      async () =>
        (await Promise.all(rows.map((row) => queue.getJobState(reminderJobId(row.id))))).every(
          (state) => state === 'unknown',
        ),
      5000,
      'jobs removed',
    );

    await sleep(Math.max(0, rows[2].due_at.getTime() - Date.now()) + 1500);
    expect((await remindersOf(kase.id)).map((row) => [row.status, row.sent_at, row.queued_at])).toEqual([
      ['cancelled', null, null],
      ['cancelled', null, null],
      ['cancelled', null, null],
    ]);
    expect(forCase((await inbox(social.users.caseworker.token)).items, kase.id)).toEqual([]);
    expect(forCase((await inbox(social.users.manager.token)).items, kase.id)).toEqual([]);
  });

  it('marks a reminder obsolete when its step is finished or its case closed by the time it falls due', async () => {
    const kase = await openCase();
    await t.http
      .post(`/api/v1/cases/${kase.id}/steps/report/complete`)
      .set(bearer(social.users.caseworker.token))
      .send({ outcomeCode: 'reported' });
    // A reminder the cases module did not cancel (say, written by an older release) for the finished step.
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at) VALUES ('overdue', 'case_step', $1, 'report', $2, now()) RETURNING id`,
      [kase.id, social.id],
    );
    const row = await eventually(
      async () => {
        const [current] = await t.dataSource.query<
          {
            status: string;
            sent_at: Date | null;
          }[]
        >(`SELECT status, sent_at FROM reminder WHERE id = $1`, [id]);
        return current.status !== 'pending' && current;
      },
      10_000,
      'the reminder to be settled',
    );
    expect(row).toEqual({ status: 'obsolete', sent_at: null });
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = $1`, [id]),
    ).toEqual([{ n: 0 }]);
    expect(await t.dataSource.query(`SELECT action, actor_type FROM audit_event WHERE entity_id = $1`, [id])).toEqual([
      { action: 'reminder.obsolete', actor_type: 'system' },
    ]);
  });

  it('leaves a reminder that is not due yet by the database clock for a retry', async () => {
    const kase = await openCase();
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, queued_at) VALUES ('overdue', 'case_step', $1, 'report', $2, now() + interval '1 hour', now()) RETURNING id`,
      [kase.id, social.id],
    );
    expect(await t.app.get(ReminderDeliveryService).deliver([id])).toEqual(['early']);
    expect(await t.dataSource.query(`SELECT status FROM reminder WHERE id = $1`, [id])).toEqual([
      { status: 'pending' },
    ]);
    await t.dataSource.query(`UPDATE reminder SET status = 'cancelled' WHERE id = $1`, [id]);
  });

  it('makes a second delivery of the same reminder a no-op', async () => {
    const kase = await openCase();
    // Marked queued, so the app's own scheduler leaves it to this test.
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, queued_at) VALUES ('overdue', 'case_step', $1, 'report', $2, now(), now()) RETURNING id`,
      [kase.id, social.id],
    );
    const delivery = t.app.get(ReminderDeliveryService);
    // Two workers handed the same reminder at once (a stalled job retried elsewhere), then a third time later.
    const outcomes = await Promise.all([delivery.deliver([id]), delivery.deliver([id])]);
    expect(outcomes.flat().sort()).toEqual(['sent', 'skipped']);
    expect(await delivery.deliver([id])).toEqual(['skipped']);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = $1`, [id]),
    ).toEqual([{ n: 2 }]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1`, [id])).toEqual([
      { n: 1 },
    ]);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'reminderId' = $1`, [id]),
    ).toEqual([{ n: 1 }]);
    // The unique key holds on its own: a reminder pending again by mistake gives nobody a second notification.
    await t.dataSource.query(`UPDATE reminder SET status = 'pending' WHERE id = $1`, [id]);
    await delivery.deliver([id]);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = $1`, [id]),
    ).toEqual([{ n: 2 }]);
  });

  it('sends an escalation for an organisation without managers to nobody: audited with 0 recipients, no notification, no webhook event', async () => {
    const step = await createActiveStep(t.dataSource);
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, queued_at) VALUES ('escalation', 'case_step', $1, $2, $3, now(), now()) RETURNING id`,
      [step.caseId, step.stepKey, step.organizationId],
    );
    expect(await t.app.get(ReminderDeliveryService).deliver([id])).toEqual(['sent']);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE reminder_id = $1`, [id]),
    ).toEqual([{ n: 0 }]);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE payload->>'reminderId' = $1`, [id]),
    ).toEqual([{ n: 0 }]);
    expect(
      await t.dataSource.query(`SELECT data->>'recipients' AS recipients FROM audit_event WHERE entity_id = $1`, [id]),
    ).toEqual([{ recipients: '0' }]);
  });

  describe('adoption review reminders', () => {
    /**
     * Adopted and approved so that the review falls due `inDays` from today (its reminder as that day begins). One
     * month's interval where going a month back and forth lands on the same day; otherwise (the 29th to 31st after a
     * shorter month) twelve months.
     */
    const adopt = async (inDays: number) => {
      const adopted = await createPublishedRoutine(
        t.dataSource,
        { organizationId: social.id, userId: social.users.coordinator.id },
        routineDefinition([routineStep('assess', OrganizationType.SocialServices)], {
          title: 'Samverkansöverenskommelse om våld i nära relationer',
        }),
      );
      const reviewOn = DateTime.now().setZone('Europe/Stockholm').startOf('day').plus({ days: inDays });
      const months = reviewOn.minus({ months: 1 }).plus({ months: 1 }).equals(reviewOn) ? 1 : 12;
      const approvedAt = reviewOn.minus({ months }).toISODate();
      const response = await t.http.post('/api/v1/adoptions').set(bearer(social.users.coordinator.token)).send({
        routineId: adopted.id,
        version: 1,
        organizationId: social.id,
        status: 'adopted',
        approvedAt,
        approvedBy: 'board',
        reviewIntervalMonths: months,
      });
      expect(response.status).toBe(201);
      return { ...(response.body as { id: string }), reviewOn: reviewOn.toISODate() as string };
    };
    const reviewReminders = async (adoptionId: string) =>
      await t.dataSource.query<ReminderRow[]>(
        `SELECT id, kind, status, due_at FROM reminder WHERE adoption_id = $1 ORDER BY created_at`,
        [adoptionId],
      );
    const forAdoption = (items: Record<string, unknown>[], adoptionId: string) =>
      items.filter((item) => item.adoptionId === adoptionId);

    it("reminds the adopting organisation's coordinators as the day the follow-up is due begins", async () => {
      const adoption = await adopt(0);
      const [reminder] = await eventually(
        async () => {
          const rows = await reviewReminders(adoption.id);
          return rows[0]?.status === 'sent' && rows;
        },
        15_000,
        'the review reminder',
      );
      expect(reminder.kind).toBe('review_due');
      const items = forAdoption((await inbox(social.users.coordinator.token)).items, adoption.id);
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'review_due',
          subjectType: 'adoption',
          adoptionId: adoption.id,
          caseId: null,
          caseNumber: null,
          stepKey: null,
          title: 'Samverkansöverenskommelse om våld i nära relationer',
          remindAt: reminder.due_at.toISOString(),
          dueAt: null,
          reviewDueOn: adoption.reviewOn,
          link: `/api/v1/adoptions/${adoption.id}`,
        }),
      ]);
      expect(reminder.due_at).toEqual(DateTime.fromISO(adoption.reviewOn, { zone: 'Europe/Stockholm' }).toJSDate());
      for (const user of [
        social.users.caseworker,
        social.users.manager,
        social.users.auditor,
        police.users.coordinator,
      ]) {
        expect(forAdoption((await inbox(user.token)).items, adoption.id)).toEqual([]);
      }
      // Due today, overdue from tomorrow.
      const shown = await t.http.get(`/api/v1/adoptions/${adoption.id}`).set(bearer(social.users.coordinator.token));
      expect(shown.body).toMatchObject({ nextReviewDueAt: adoption.reviewOn, followUpOverdue: false });
    });

    it('sends nothing when the follow-up is recorded before the review falls due', async () => {
      const adoption = await adopt(1);
      const followUp = await t.http
        .post(`/api/v1/adoptions/${adoption.id}/follow-ups`)
        .set(bearer(social.users.coordinator.token))
        .send({
          performedAt: DateTime.now().setZone('Europe/Stockholm').toISODate(),
          outcomeCode: 'reviewed_unchanged',
        });
      expect(followUp.status).toBe(201);
      await sleep(2000);
      const rows = await reviewReminders(adoption.id);
      expect(rows.map((row) => row.status)).toEqual(['cancelled', 'pending']);
      expect(rows[1].due_at.getTime()).toBeGreaterThan(Date.now() + 20 * 86400_000);
      expect(forAdoption((await inbox(social.users.coordinator.token)).items, adoption.id)).toEqual([]);
    });
  });
});
