import { Role } from '../../src/common/auth/role';
import type { FollowUpReportDto } from '../../src/reports/dto/follow-up.dto';
import type { OverdueReportDto } from '../../src/reports/dto/overdue.dto';
import type { StrategyFollowUpReportDto } from '../../src/reports/dto/strategy-follow-up.dto';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { createPublishedRoutine, PublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A fixture of 2025 written straight into the database at chosen instants (UTC below; Stockholm is UTC+1 in winter,
 * UTC+2 from 30 March to 26 October 2025). Routine A (goals 2 and 4, measures 2.4 and 4.4): `notify` (police), then
 * `meeting` (social services). Routine B (goal 4, measure 4.1): `assess` (health care). Social services take part in
 * every case but X1. The report asks for 2025 as of 2025-11-15T11:00Z, minCount 5 (the default). Every expectation
 * below is worked out by hand from this table; lead times in hours:
 *
 * | case     | opened           | notify / assess done (lead, on time?)         | meeting done (lead, on time?)                 |
 * | A0       | 2024-12-31 22:59:59 (2024) | waiting                             | waiting                                       |
 * | A12      | 2024-12-31 23:00 (1 Jan)   | active, due 2025-01-01 23:00: overdue (Jan)                                         |
 * | A1–A4    | 02-10 08:00      | 02-10 18:00 (10, yes)                          | 03-15 10:00 (784, no), closed then            |
 * | A5       | 02-10 08:00      | 02-10 18:00 (10, yes)                          | 03-31 21:59 = 23:59 CEST, March (1179.98, no), closed then; escalated 02-17 |
 * | A6       | 02-28 22:59:59 = Feb | 02-28 23:00 = 1 March 00:00 CET (0.0003, yes) | 03-31 22:00 = 1 April 00:00 CEST (743, no) |
 * | B1–B5    | 06-02 08:00      | 06-03 08:00 (24, yes), closed then             |                                               |
 * | B6       | 06-02 08:00      | skipped 06-03 09:00                            |                                               |
 * | B7       | 06-02 08:00      | 06-10 08:00 (192, no)                          |                                               |
 * | A7, A8   | 10-25 22:00      | 10-26 22:00 (24 across the DST change, yes)    | 10-31 23:00 = 1 Nov 00:00 CET, at its due time (121, yes) |
 * | A9       | 10-25 22:00      | 10-26 22:00 (24, yes)                          | active, due 11-01 10:00: overdue (Nov); escalated 11-03 |
 * | A10      | 10-25 22:00      | 10-26 22:00 (24, yes)                          | active, due 11-20: not overdue                |
 * | A11      | 10-25 22:00      | 10-31 22:30 = 23:30 CET, October (144.5, no)   | due 11-05 22:30, done 11-16 (after asOf): overdue at asOf (Nov); escalated 11-07 |
 * | X1       | 05-05 08:00 (police and another organisation only)                                                         |
 */
const AS_OF = '2025-11-15T12:00:00+01:00';
const YEAR = `from=2025-01-01&to=2025-12-31&asOf=${encodeURIComponent(AS_OF)}`;

describe('reports: follow-up', () => {
  let t: TestApp;
  let ss: FixtureOrganization;
  let police: FixtureOrganization;
  let healthcare: FixtureOrganization;
  let outsider: FixtureOrganization;
  let routineA: PublishedRoutine;
  let routineB: PublishedRoutine;
  let caseNumber = 0;

  interface StepRow {
    key: string;
    owner: FixtureOrganization;
    status: 'waiting' | 'active' | 'done' | 'skipped';
    activated?: string;
    due?: string;
    completed?: string;
    outcome?: string;
  }
  const insertCase = async (
    routine: PublishedRoutine,
    opened: string,
    steps: StepRow[],
    options: { closed?: string; participants?: FixtureOrganization[]; escalated?: { key: string; at: string } } = {},
  ) => {
    caseNumber += 1;
    const participants = options.participants ?? [ss, police, healthcare];
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO collaboration_case (case_number, routine_id, routine_version, status, opened_at, opened_by, opened_by_organization_id, closed_at, closed_by, closure_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        `SAM-2000-${String(700000 + caseNumber)}`,
        routine.id,
        routine.version,
        options.closed ? 'closed' : 'open',
        opened,
        participants[0].users.coordinator.id,
        participants[0].id,
        options.closed ?? null,
        options.closed ? participants[0].users.coordinator.id : null,
        options.closed ? 'completed' : null,
      ],
    );
    for (const participant of participants) {
      await t.dataSource.query(`INSERT INTO case_participant (case_id, organization_id) VALUES ($1, $2)`, [
        id,
        participant.id,
      ]);
    }
    for (const [position, step] of steps.entries()) {
      await t.dataSource.query(
        `INSERT INTO case_step (case_id, key, position, title, owner_organization_id, status, depends_on, due_after, due_from, working_days,
                                outcome_codes, activated_at, due_at, completed_at, outcome_code, reason_code, met_deadline)
         VALUES ($1, $2, $3, $4, $5, $6, '{}', 'P1D', 'case_start', false, '{}', $7, $8, $9, $10, $11, $12)`,
        [
          id,
          step.key,
          position,
          `Step ${step.key}`,
          step.owner.id,
          step.status,
          step.activated ?? null,
          step.due ?? null,
          step.completed ?? null,
          step.status === 'done' ? step.outcome : null,
          step.status === 'skipped' ? 'not_needed' : null,
          step.completed && step.due ? step.completed <= step.due : null,
        ],
      );
    }
    if (options.escalated) {
      await t.dataSource.query(
        `INSERT INTO reminder (kind, subject_type, case_id, step_key, organization_id, due_at, status, sent_at)
         VALUES ('escalation', 'case_step', $1, $2, $3, $4, 'sent', $4)`,
        [id, options.escalated.key, ss.id, options.escalated.at],
      );
    }
  };
  const done = (
    key: string,
    owner: FixtureOrganization,
    activated: string,
    due: string,
    completed: string,
    outcome: string,
  ) => ({ key, owner, status: 'done', activated, due, completed, outcome }) satisfies StepRow;

  beforeAll(async () => {
    t = await startTestApp();
    ss = await createOrganization(t.app, OrganizationType.SocialServices, '0980', [
      Role.Manager,
      Role.Coordinator,
      Role.Caseworker,
    ]);
    police = await createOrganization(t.app, OrganizationType.Police, '0980', [Role.Coordinator]);
    healthcare = await createOrganization(t.app, OrganizationType.Healthcare, '0880', [Role.Coordinator]);
    outsider = await createOrganization(t.app, OrganizationType.SocialServices, '0880', [
      Role.Coordinator,
      Role.Manager,
      Role.Auditor,
      Role.Admin,
    ]);
    const owner = { organizationId: ss.id, userId: ss.users.coordinator.id };
    routineA = await createPublishedRoutine(
      t.dataSource,
      owner,
      routineDefinition(
        [
          routineStep('notify', OrganizationType.Police, { title: 'Underrättelse', outcomeCodes: ['sent'] }),
          routineStep('meeting', OrganizationType.SocialServices, {
            title: 'Samverkansmöte; gemensamt',
            dependsOn: ['notify'],
            outcomeCodes: ['held', 'postponed'],
          }),
        ],
        { title: 'Rutin A', goals: [2, 4], measures: ['2.4', '4.4'] },
      ),
    );
    routineB = await createPublishedRoutine(
      t.dataSource,
      owner,
      routineDefinition(
        [routineStep('assess', OrganizationType.Healthcare, { outcomeCodes: ['assessed', 'referred'] })],
        {
          title: 'Rutin B',
          goals: [4],
          measures: ['4.1'],
        },
      ),
    );

    const waiting = (key: string, owner: FixtureOrganization): StepRow => ({ key, owner, status: 'waiting' });
    await insertCase(routineA, '2024-12-31T22:59:59Z', [waiting('notify', police), waiting('meeting', ss)]);
    await insertCase(routineA, '2024-12-31T23:00:00Z', [
      {
        key: 'notify',
        owner: police,
        status: 'active',
        activated: '2024-12-31T23:00:00Z',
        due: '2025-01-01T23:00:00Z',
      },
      waiting('meeting', ss),
    ]);
    for (let i = 1; i <= 5; i += 1) {
      const meetingDone = i <= 4 ? '2025-03-15T10:00:00Z' : '2025-03-31T21:59:00Z';
      await insertCase(
        routineA,
        '2025-02-10T08:00:00Z',
        [
          done('notify', police, '2025-02-10T08:00:00Z', '2025-02-11T08:00:00Z', '2025-02-10T18:00:00Z', 'sent'),
          done(
            'meeting',
            ss,
            '2025-02-10T18:00:00Z',
            '2025-02-15T18:00:00Z',
            meetingDone,
            i <= 4 ? 'held' : 'postponed',
          ),
        ],
        { closed: meetingDone, escalated: i === 5 ? { key: 'meeting', at: '2025-02-17T18:00:00Z' } : undefined },
      );
    }
    await insertCase(routineA, '2025-02-28T22:59:59Z', [
      done('notify', police, '2025-02-28T22:59:59Z', '2025-03-01T22:59:59Z', '2025-02-28T23:00:00Z', 'sent'),
      done('meeting', ss, '2025-02-28T23:00:00Z', '2025-03-05T23:00:00Z', '2025-03-31T22:00:00Z', 'held'),
    ]);
    for (let i = 1; i <= 7; i += 1) {
      const assess: StepRow =
        i === 6
          ? {
              key: 'assess',
              owner: healthcare,
              status: 'skipped',
              activated: '2025-06-02T08:00:00Z',
              due: '2025-06-04T08:00:00Z',
              completed: '2025-06-03T09:00:00Z',
            }
          : done(
              'assess',
              healthcare,
              '2025-06-02T08:00:00Z',
              '2025-06-04T08:00:00Z',
              i === 7 ? '2025-06-10T08:00:00Z' : '2025-06-03T08:00:00Z',
              i === 7 ? 'referred' : 'assessed',
            );
      await insertCase(routineB, '2025-06-02T08:00:00Z', [assess], {
        closed: i <= 5 ? '2025-06-03T08:00:00Z' : undefined,
      });
    }
    for (let i = 7; i <= 11; i += 1) {
      const notifyDone = i === 11 ? '2025-10-31T22:30:00Z' : '2025-10-26T22:00:00Z';
      const notify = done('notify', police, '2025-10-25T22:00:00Z', '2025-10-26T23:00:00Z', notifyDone, 'sent');
      const meeting: StepRow =
        i <= 8
          ? done('meeting', ss, notifyDone, '2025-10-31T23:00:00Z', '2025-10-31T23:00:00Z', 'held')
          : i === 9
            ? { key: 'meeting', owner: ss, status: 'active', activated: notifyDone, due: '2025-11-01T10:00:00Z' }
            : i === 10
              ? { key: 'meeting', owner: ss, status: 'active', activated: notifyDone, due: '2025-11-20T10:00:00Z' }
              : done('meeting', ss, notifyDone, '2025-11-05T22:30:00Z', '2025-11-16T10:00:00Z', 'held');
      const escalated = i === 9 ? '2025-11-03T10:00:00Z' : i === 11 ? '2025-11-07T22:30:00Z' : undefined;
      await insertCase(routineA, '2025-10-25T22:00:00Z', [notify, meeting], {
        escalated: escalated ? { key: 'meeting', at: escalated } : undefined,
      });
    }
    await insertCase(routineA, '2025-05-05T08:00:00Z', [waiting('notify', police), waiting('meeting', outsider)], {
      participants: [outsider, police],
    });
    // Adoptions in force on 2025-12-31: Gotland's social services of routine A (goals 2, 4), the police of B (goal 4).
    for (const [organization, routine] of [
      [ss, routineA],
      [police, routineB],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO adoption (routine_id, routine_version, organization_id, status, approved_at, approved_by, next_review_due_at)
         VALUES ($1, $2, $3, 'adopted', '2025-03-01', 'management', '2027-03-01')`,
        [routine.id, routine.version, organization.id],
      );
    }
  }, 60_000);
  afterAll(() => t.close());

  const report = (query: string, token = ss.users.manager.token) =>
    t.http.get(`/api/v1/reports/follow-up?${query}`).set(bearer(token));
  const bodyOf = (response: { body: unknown }) => response.body as FollowUpReportDto & { errors: { field: string }[] };
  const metrics = (values: Record<string, unknown>) => ({
    casesOpened: 0,
    casesClosed: 0,
    stepsCompleted: 0,
    stepsSkipped: 0,
    stepsCompletedOnTime: 0,
    onTimeRate: null,
    leadTimeHours: { p50: null, p90: null },
    overdueNow: 0,
    escalations: 0,
    suppressed: [],
    ...values,
    outcomes: { assessed: 0, held: 0, postponed: 0, referred: 0, sent: 0, ...(values.outcomes as object) },
  });
  const TOTAL = metrics({
    casesOpened: 19,
    casesClosed: 10,
    stepsCompleted: 25,
    stepsSkipped: null,
    stepsCompletedOnTime: 17,
    onTimeRate: 0.68,
    leadTimeHours: { p50: 24, p90: 784 },
    overdueNow: null,
    escalations: null,
    outcomes: { assessed: 5, held: 7, postponed: null, referred: null, sent: 11 },
    suppressed: ['stepsSkipped', 'overdueNow', 'escalations', 'outcomes.postponed', 'outcomes.referred'],
  });

  it('counts each case and step of the year once in the total; small counts suppressed, zero and the rest published', async () => {
    const response = await report(YEAR);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      asOf: '2025-11-15T11:00:00.000Z',
      groupBy: [],
      minCount: 5,
      rows: [],
      total: TOTAL,
    });
  });

  // Complements: casesOpened Jan (1) → Oct (5, smallest other); outcome sent Mar (1) → Feb (5, tie with Oct: the
  // earlier row), then Feb's outcomes → its completed count (5); Jun's referred (1) → Jun's assessed (5), then column
  // assessed → the total's (5). A rate goes with either of its counts; percentiles with fewer than 5 completed steps.
  const MONTHS = [
    {
      month: '2025-01',
      ...metrics({ casesOpened: null, overdueNow: null, suppressed: ['casesOpened', 'overdueNow'] }),
    },
    {
      month: '2025-02',
      ...metrics({
        casesOpened: 6,
        stepsCompleted: null,
        stepsCompletedOnTime: 5,
        leadTimeHours: { p50: 10, p90: 10 },
        escalations: null,
        outcomes: { sent: null },
        suppressed: ['stepsCompleted', 'escalations', 'onTimeRate', 'outcomes.sent'],
      }),
    },
    {
      month: '2025-03',
      ...metrics({
        casesClosed: 5,
        stepsCompleted: 6,
        stepsCompletedOnTime: null,
        leadTimeHours: { p50: 784, p90: 985.6 }, // 982 exactly; the lead-time histogram (docs/reports.md) gives it to 1 % above 999.5 h
        outcomes: { held: null, postponed: null, sent: null },
        suppressed: ['stepsCompletedOnTime', 'onTimeRate', 'outcomes.held', 'outcomes.postponed', 'outcomes.sent'],
      }),
    },
    {
      month: '2025-04',
      ...metrics({
        stepsCompleted: null,
        outcomes: { held: null },
        suppressed: ['stepsCompleted', 'onTimeRate', 'leadTimeHours.p50', 'leadTimeHours.p90', 'outcomes.held'],
      }),
    },
    {
      month: '2025-06',
      ...metrics({
        casesOpened: 7,
        casesClosed: 5,
        stepsCompleted: 6,
        stepsSkipped: null,
        stepsCompletedOnTime: 5,
        onTimeRate: 0.8333,
        leadTimeHours: { p50: 24, p90: 108 },
        outcomes: { assessed: null, referred: null },
        suppressed: ['stepsSkipped', 'outcomes.assessed', 'outcomes.referred'],
      }),
    },
    {
      month: '2025-10',
      ...metrics({
        casesOpened: null,
        stepsCompleted: 5,
        stepsCompletedOnTime: null,
        leadTimeHours: { p50: 24, p90: 96.6 }, // 96.3 exactly; from whole-hour buckets
        outcomes: { sent: 5 },
        suppressed: ['casesOpened', 'stepsCompletedOnTime', 'onTimeRate'],
      }),
    },
    {
      month: '2025-11',
      ...metrics({
        stepsCompleted: null,
        stepsCompletedOnTime: null,
        overdueNow: null,
        escalations: null,
        outcomes: { held: null },
        suppressed: [
          'stepsCompleted',
          'stepsCompletedOnTime',
          'overdueNow',
          'escalations',
          'onTimeRate',
          'leadTimeHours.p50',
          'leadTimeHours.p90',
          'outcomes.held',
        ],
      }),
    },
  ];
  const TOTAL_BY_MONTH = {
    ...TOTAL,
    outcomes: { ...TOTAL.outcomes, assessed: null },
    suppressed: [
      'stepsSkipped',
      'overdueNow',
      'escalations',
      'outcomes.assessed',
      'outcomes.postponed',
      'outcomes.referred',
    ],
  };

  it('places each count in its Stockholm month: midnight, and months on either side of the DST changes', async () => {
    const response = await report(`${YEAR}&groupBy=month`);
    expect(response.status).toBe(200);
    expect(bodyOf(response).rows).toEqual(MONTHS);
    expect(bodyOf(response).total).toEqual(TOTAL_BY_MONTH);
  });

  it('writes the same as CSV for a spreadsheet with Swedish settings', async () => {
    const response = await report(`${YEAR}&groupBy=month`).set('accept', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="follow-up-2025-01-01-2025-12-31.csv"');
    const lines = response.text.split('\r\n');
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      '\uFEFFlevel;month;casesOpened;casesClosed;stepsCompleted;stepsSkipped;stepsCompletedOnTime;onTimeRate;leadTimeHoursP50;leadTimeHoursP90;overdueNow;escalations;outcome:assessed;outcome:held;outcome:postponed;outcome:referred;outcome:sent',
    );
    expect(lines.slice(1)).toEqual([
      'group;2025-01;..;0;0;0;0;;;;..;0;0;0;0;0;0',
      'group;2025-02;6;0;..;0;5;..;10;10;0;..;0;0;0;0;..',
      'group;2025-03;0;5;6;0;..;..;784;985,6;0;0;0;..;..;0;..',
      'group;2025-04;0;0;..;0;0;..;..;..;0;0;0;..;0;0;0',
      'group;2025-06;7;5;6;..;5;0,8333;24;108;0;0;..;0;0;..;0',
      'group;2025-10;..;0;5;0;..;..;24;96,6;0;0;0;0;0;0;5',
      'group;2025-11;0;0;..;0;..;..;..;..;..;..;0;..;0;0;0',
      'total;;19;10;25;..;17;0,68;24;784;..;..;..;7;..;..;11',
      '',
    ]);
  });

  it('counts a case in every goal its routine names, so goal rows need not add up to the total', async () => {
    const response = await report(`${YEAR}&groupBy=goal`);
    expect(response.status).toBe(200);
    expect(bodyOf(response).rows).toEqual([
      {
        goal: 2,
        ...metrics({
          casesOpened: 12,
          casesClosed: 5,
          stepsCompleted: 19,
          stepsCompletedOnTime: 12,
          onTimeRate: 0.6316,
          leadTimeHours: { p50: 24, p90: 784 },
          overdueNow: null,
          escalations: null,
          outcomes: { held: null, postponed: null, sent: 11 },
          suppressed: ['overdueNow', 'escalations', 'outcomes.held', 'outcomes.postponed'],
        }),
      },
      {
        goal: 4,
        ...TOTAL,
        outcomes: { ...TOTAL.outcomes, held: null },
        suppressed: [
          'stepsSkipped',
          'overdueNow',
          'escalations',
          'outcomes.held',
          'outcomes.postponed',
          'outcomes.referred',
        ],
      },
    ]);
    expect(bodyOf(response).total).toEqual(TOTAL);
  });

  it('includes both ends of the period at midnight in Stockholm (CET at the start, CEST at the end)', async () => {
    const response = await report(`from=2025-03-01&to=2025-03-31&asOf=${encodeURIComponent(AS_OF)}`);
    expect(response.status).toBe(200);
    // A6's notify (1 March 00:00 CET) and A5's meeting (31 March 23:59 CEST) count; A6's meeting (1 April 00:00 CEST)
    // and A6's opening (28 February 23:59:59 CET) do not.
    expect(bodyOf(response).total).toMatchObject({ casesOpened: 0, casesClosed: 5, stepsCompleted: 6 });
  });

  it('keys groups by step and owner organisation, with titles and names', async () => {
    const response = await report(`${YEAR}&groupBy=step,organization&routineId=${routineA.id}`);
    expect(response.status).toBe(200);
    const keys = (
      bodyOf(response).rows as { step: unknown; organization: unknown; stepsCompleted: number | null }[]
    ).map(({ step, organization, stepsCompleted }) => ({ step, organization, stepsCompleted }));
    expect(keys).toEqual([
      {
        step: { routineId: routineA.id, key: 'meeting', title: 'Samverkansmöte; gemensamt' },
        organization: { id: ss.id, name: ss.name },
        stepsCompleted: 8,
      },
      {
        step: { routineId: routineA.id, key: 'notify', title: 'Underrättelse' },
        organization: { id: police.id, name: police.name },
        stepsCompleted: 11,
      },
    ]);
  });

  it('shows a manager the cases their organisation takes part in, and admins and auditors every case', async () => {
    const query = `${YEAR}&routineId=${routineA.id}`;
    expect(bodyOf(await report(query)).total.casesOpened).toBe(12);
    expect(bodyOf(await report(query, outsider.users.admin.token)).total.casesOpened).toBe(13);
    expect(bodyOf(await report(query, outsider.users.auditor.token)).total.casesOpened).toBe(13);
    const outside = await report(query, outsider.users.manager.token);
    expect(outside.status).toBe(200);
    expect(bodyOf(outside).total).toMatchObject({ casesOpened: null, stepsCompleted: 0, overdueNow: 0 });
  });

  it('refuses caseworkers with 403', async () => {
    const response = await report(YEAR, ss.users.caseworker.token);
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses a bad grouping with 400 and a period that ends before it begins with 422, naming the field', async () => {
    const tooMany = await report('groupBy=goal,month,routine,step');
    expect(tooMany.status).toBe(400);
    expect(bodyOf(tooMany).errors[0].field).toBe('groupBy');
    expect((await report('groupBy=colour')).status).toBe(400);
    const backwards = await report('from=2025-03-01&to=2025-02-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ code: 'report.period_invalid', errors: [{ field: 'from' }] });
  });

  it('audits the read with its parameters (codes, ids and times only)', async () => {
    await report(`${YEAR}&groupBy=goal,month&organizationType=police`).expect(200);
    const [event] = await t.dataSource.query<
      { action: string; data: { parameters: Record<string, unknown>; scope: string } }[]
    >(
      `SELECT action, data FROM audit_event WHERE actor_user_id = $1 AND action = 'report.follow_up_read' ORDER BY sequence DESC LIMIT 1`,
      [ss.users.manager.id],
    );
    expect(event.data).toEqual({
      parameters: {
        from: '2025-01-01',
        to: '2025-12-31',
        asOf: '2025-11-15T11:00:00.000Z',
        groupBy: ['goal', 'month'],
        organizationType: 'police',
      },
      scope: 'participant',
    });
  });

  describe('strategy follow-up', () => {
    const strategy = (query: string, token = ss.users.manager.token) =>
      t.http.get(`/api/v1/reports/strategy-follow-up?${query}`).set(bearer(token));
    const body = (response: { body: unknown }) => response.body as StrategyFollowUpReportDto;

    it('has one row per goal, with the figures of the follow-up grouped by goal and by measure, and the county', async () => {
      const response = await strategy(`year=2025&countyCode=09&asOf=${encodeURIComponent(AS_OF)}`);
      expect(response.status).toBe(200);
      const report = body(response);
      expect(report).toMatchObject({ year: 2025, periodCode: 'stockholm-2020-2026', countyCode: '09', minCount: 5 });
      expect(report.rows.map((row) => row.goal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const [, goal2, , goal4, goal5] = report.rows;
      expect(goal2).toMatchObject({
        casesOpened: 12,
        stepsCompleted: 19,
        onTimeRate: 0.6316,
        leadTimeHours: { p50: 24 },
        overdueNow: null,
        suppressed: ['overdueNow'],
        adoptingOrganizations: 1,
        municipalitiesCovered: 1,
        municipalitiesTotal: 1,
      });
      expect(goal2.measures.find((measure) => measure.code === '2.4')).toMatchObject({
        casesOpened: 12,
        suppressed: [],
      });
      expect(goal4).toMatchObject({
        casesOpened: 19,
        stepsCompleted: 25,
        onTimeRate: 0.68,
        leadTimeHours: { p50: 24 },
        overdueNow: null,
        adoptingOrganizations: 2,
        municipalitiesCovered: 1,
      });
      expect(goal4.measures.filter((measure) => measure.casesOpened !== 0)).toMatchObject([
        { code: '4.1', casesOpened: 7 },
        { code: '4.4', casesOpened: 12 },
      ]);
      expect(goal4.routines).toBeGreaterThanOrEqual(2);
      expect(goal5).toMatchObject({
        casesOpened: 0,
        stepsCompleted: 0,
        onTimeRate: null,
        overdueNow: 0,
        suppressed: [],
      });
      expect(report.collaborationAgreements).toMatchObject({ asOf: '2025-11-15', municipalities: 1 });
      expect(report.collaborationAgreements.partnerTypes.every((share) => share.withAgreement === 0)).toBe(true);
    });

    it('writes CSV with .. for suppressed cells', async () => {
      const response = await strategy(`year=2025&countyCode=09&asOf=${encodeURIComponent(AS_OF)}`).set(
        'accept',
        'text/csv',
      );
      expect(response.status).toBe(200);
      const lines = response.text.split('\r\n');
      expect(lines[0]).toBe(
        '\uFEFFlevel;goal;measure;partnerType;titleSv;routines;adoptingOrganizations;municipalitiesCovered;municipalitiesTotal;casesOpened;stepsCompleted;onTimeRate;leadTimeHoursP50;overdueNow;municipalities;withAgreement;share',
      );
      const goal2 = lines.find((line) => line.startsWith('goal;2;'));
      expect(goal2?.split(';').slice(6)).toEqual(['1', '1', '1', '12', '19', '0,6316', '24', '..', '', '', '']);
      expect(lines).toContain('agreement;;;police;;;;;;;;;;;1;0;0');
    });

    it('refuses caseworkers with 403 and an unknown county with 400', async () => {
      expect((await strategy('year=2025', ss.users.caseworker.token)).status).toBe(403);
      expect((await strategy('year=2025&countyCode=99')).status).toBe(400);
    });
  });

  describe('overdue now', () => {
    const overdue = (token = ss.users.manager.token) => t.http.get('/api/v1/reports/overdue').set(bearer(token));

    it("lists the overdue steps of the organisation's own cases per owner, routine and step, longest first", async () => {
      const response = await overdue();
      expect(response.status).toBe(200);
      const { rows } = response.body as OverdueReportDto;
      expect(
        rows.map(({ organization, routine, step, overdueSteps }) => ({ organization, routine, step, overdueSteps })),
      ).toEqual([
        {
          organization: { id: police.id, name: police.name },
          routine: { id: routineA.id, title: 'Rutin A' },
          step: { routineId: routineA.id, key: 'notify', title: 'Underrättelse' },
          overdueSteps: 1,
        },
        {
          organization: { id: ss.id, name: ss.name },
          routine: { id: routineA.id, title: 'Rutin A' },
          step: { routineId: routineA.id, key: 'meeting', title: 'Samverkansmöte; gemensamt' },
          overdueSteps: 2,
        },
      ]);
      // A9's meeting fell due 19 days (456 h) before A10's: the longest is 228 h past the median of the two.
      expect(rows[1].overdueHours.max - rows[1].overdueHours.p50).toBeCloseTo(228, 0);
      expect(rows[0].overdueHours.p50).toBe(rows[0].overdueHours.max);
    });

    it('shows an outside manager none of them, and refuses admins and caseworkers with 403', async () => {
      expect(((await overdue(outsider.users.manager.token)).body as OverdueReportDto).rows).toEqual([]);
      expect((await overdue(outsider.users.admin.token)).status).toBe(403);
      expect((await overdue(ss.users.caseworker.token)).status).toBe(403);
    });
  });
});
