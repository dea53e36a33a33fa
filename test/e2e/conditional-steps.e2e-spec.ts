import { Role } from '../../src/common/auth/role';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import {
  createPublishedRoutine,
  openCase,
  PublishedRoutine,
  routineDefinition,
  routineStep,
} from '../support/routine-fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

interface Step {
  key: string;
  status: string;
  reasonCode: string | null;
  completedBy: string | null;
  assessment: { method: string; level: string } | null;
  unmetConditions: { step: string; levelIn?: string[]; status: string; assessmentLevel: string | null }[];
}
interface Problem {
  code: string;
  errors: unknown[];
}
interface Case {
  id: string;
  steps: Step[];
}

const { SocialServices, Police } = OrganizationType;

/**
 * A perpetrator risk assessment (SARA:SV or B-SAFER) whose high result leads to a joint risk conference with the
 * police, and whose low or moderate result leads to a follow-up; a safety plan after the conference whether or not
 * it was held.
 */
const riskRoutine = () =>
  routineDefinition(
    [
      routineStep('risk_assessment', SocialServices, {
        dueFrom: 'case_start',
        outcomeCodes: ['assessed', 'not_assessed'],
        assessment: { methods: ['sara_sv', 'b_safer'] },
      }),
      routineStep('risk_conference', Police, {
        dependsOn: ['risk_assessment'],
        remindBefore: 'P1D',
        escalateAfter: 'P1D',
        when: [{ step: 'risk_assessment', levelIn: ['high'] }],
      }),
      routineStep('follow_up', SocialServices, {
        dependsOn: ['risk_assessment'],
        when: [{ step: 'risk_assessment', outcomeIn: ['assessed'], levelIn: ['low', 'moderate'] }],
      }),
      routineStep('safety_plan', SocialServices, { dependsOn: ['risk_conference'] }),
    ],
    { goals: [2], measures: ['2.1', '2.4'] },
  );

describe('conditional steps and standardised assessments', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let outsider: FixtureOrganization;
  let routine: PublishedRoutine;

  const complete = (token: string, caseId: string, key: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/cases/${caseId}/steps/${key}/complete`).set(bearer(token)).send(body);
  const stepOf = (kase: Case, key: string) => kase.steps.find((step) => step.key === key) as Step;
  const openRiskCase = () =>
    openCase<Case>(t.http, social.users.caseworker.token, {
      routineId: routine.id,
      participants: [social.id, police.id],
    });
  const count = async (sql: string, params: unknown[]) =>
    Number((await t.dataSource.query<{ n: string }[]>(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    const roles = [Role.Admin, Role.Coordinator, Role.Caseworker, Role.Manager, Role.Auditor];
    social = await createOrganization(t.app, SocialServices, '0188', roles);
    police = await createOrganization(t.app, Police, '0188');
    outsider = await createOrganization(t.app, SocialServices, '0188');
    routine = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      riskRoutine(),
    );
  });
  afterAll(() => t.close());

  describe('assessment methods', () => {
    it('lists the seeded methods with their Swedish names, whom they assess, their measures and levels', async () => {
      const response = await t.http
        .get('/api/v1/assessment-methods?limit=200')
        .set(bearer(police.users.caseworker.token));
      expect(response.status).toBe(200);
      const byCode = new Map(
        (response.body as { items: { code: string; levels: { code: string }[] }[] }).items.map((item) => [
          item.code,
          item,
        ]),
      );
      for (const code of ['freda_kortfragor', 'freda_beskrivning', 'freda_farlighetsbedomning']) {
        expect(byCode.get(code)).toMatchObject({ assesses: 'victim', period: 'stockholm-2020-2026' });
      }
      for (const code of ['sara_sv', 'b_safer', 'patriark', 'sam', 'svr_20']) {
        expect(byCode.get(code)).toMatchObject({ assesses: 'perpetrator', measures: ['2.1'] });
      }
      expect(byCode.get('freda_kortfragor')).toMatchObject({
        name: { sv: 'FREDA-kortfrågor' },
        levels: [{ code: 'indicated' }, { code: 'not_indicated' }],
      });
      expect(byCode.get('sara_sv')?.levels.map((l) => l.code)).toEqual(['low', 'moderate', 'high']);
    });

    it('lets admins add a method (audited), refuses a taken code, personal data and other roles', async () => {
      const code = `method_${uniqueSuffix()}`;
      const body = {
        code,
        nameSv: 'Lokal riskbedömning',
        nameEn: 'Local risk assessment',
        assesses: 'perpetrator',
        measures: ['2.1'],
        levels: [
          { code: 'low', sv: 'Låg', en: 'Low' },
          { code: 'high', sv: 'Hög', en: 'High' },
        ],
      };
      const add = (token: string, payload: Record<string, unknown>) =>
        t.http.post('/api/v1/assessment-methods').set(bearer(token)).send(payload);
      expect((await add(social.users.coordinator.token, body)).status).toBe(403);
      const created = await add(social.users.admin.token, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code, assesses: 'perpetrator', period: 'stockholm-2020-2026' });
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_event WHERE action = 'assessment_method.created' AND entity_id = $1`,
          [code],
        ),
      ).toBe(1);
      const again = await add(social.users.admin.token, body);
      expect(again.status).toBe(409);
      expect((again.body as Problem).code).toBe('assessment_method.duplicate');
      const personal = await add(social.users.admin.token, { ...body, code: `x${code}`, nameSv: 'Ring 070-123 45 67' });
      expect(personal.status).toBe(422);
      expect(JSON.stringify(personal.body)).not.toContain('070');
      const unknownMeasure = await add(social.users.admin.token, { ...body, code: `y${code}`, measures: ['9.9'] });
      expect(unknownMeasure.status).toBe(422);
      expect((unknownMeasure.body as Problem).errors).toEqual([expect.objectContaining({ field: 'measures[0]' })]);
    });
  });

  describe('validation of routines', () => {
    const create = (steps: unknown[]) =>
      t.http
        .post('/api/v1/routines')
        .set(bearer(social.users.coordinator.token))
        .send({ ...riskRoutine(), steps });
    const steps = () => JSON.parse(JSON.stringify(riskRoutine().steps)) as Record<string, unknown>[];

    it('accepts the conditional routine', async () => {
      expect((await create(steps())).status).toBe(201);
    });

    it.each([
      [
        'a step that is no ancestor',
        3,
        { step: 'follow_up', outcomeIn: ['done'] },
        'steps[3].when[0].step',
        'condition_not_ancestor',
      ],
      [
        'the step itself',
        3,
        { step: 'safety_plan', outcomeIn: ['done'] },
        'steps[3].when[0].step',
        'condition_not_ancestor',
      ],
      [
        'an unknown outcome',
        3,
        { step: 'risk_conference', outcomeIn: ['maybe'] },
        'steps[3].when[0].outcomeIn[0]',
        'unknown_outcome_code',
      ],
      [
        'a level of no method of the step',
        3,
        { step: 'risk_assessment', levelIn: ['indicated'] },
        'steps[3].when[0].levelIn[0]',
        'unknown_assessment_level',
      ],
      [
        'a level on a step without assessment',
        3,
        { step: 'risk_conference', levelIn: ['high'] },
        'steps[3].when[0].levelIn[0]',
        'unknown_assessment_level',
      ],
      ['no codes', 3, { step: 'risk_conference' }, 'steps[3].when[0]', 'condition_without_codes'],
    ])('answers 422 for a condition on %s, naming the step', async (_, index, condition, field, code) => {
      const changed = steps();
      changed[index].when = [condition];
      const response = await create(changed);
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors).toEqual([
        expect.objectContaining({ field, code, stepKey: changed[index].key }),
      ]);
    });

    it('answers 422 for an unknown assessment method', async () => {
      const changed = steps();
      changed[0].assessment = { methods: ['sara_sv', 'no_such_method'] };
      const response = await create(changed);
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors).toEqual([
        expect.objectContaining({ field: 'steps[0].assessment.methods[1]', code: 'unknown_assessment_method' }),
      ]);
    });
  });

  describe('running a case', () => {
    it('refuses a completion without, or with a wrong, assessment, keeping nothing', async () => {
      const kase = await openRiskCase();
      const token = social.users.caseworker.token;
      const cases: [Record<string, unknown>, string, string][] = [
        [{ outcomeCode: 'assessed' }, 'assessment', 'required'],
        [
          { outcomeCode: 'assessed', assessment: { method: 'patriark', level: 'high' } },
          'assessment.method',
          'not_allowed',
        ],
        [
          { outcomeCode: 'assessed', assessment: { method: 'no_method', level: 'high' } },
          'assessment.method',
          'not_allowed',
        ],
        [
          { outcomeCode: 'assessed', assessment: { method: 'sara_sv', level: 'indicated' } },
          'assessment.level',
          'not_allowed',
        ],
      ];
      for (const [body, field, code] of cases) {
        const response = await complete(token, kase.id, 'risk_assessment', body);
        expect(response.status).toBe(422);
        expect((response.body as Problem).errors).toEqual([expect.objectContaining({ field, code })]);
      }
      const extra = await complete(token, kase.id, 'risk_assessment', {
        outcomeCode: 'assessed',
        assessment: { method: 'sara_sv', level: 'high', score: 31 },
      });
      expect(extra.status).toBe(400);
      expect(
        await count(`SELECT count(*) AS n FROM case_step WHERE case_id = $1 AND status = 'active'`, [kase.id]),
      ).toBe(1);
    });

    it('takes the high branch: the conference activates with reminders, the follow-up is skipped by the system', async () => {
      const kase = await openRiskCase();
      const response = await complete(social.users.caseworker.token, kase.id, 'risk_assessment', {
        outcomeCode: 'assessed',
        assessment: { method: 'b_safer', level: 'high' },
      });
      expect(response.status).toBe(200);
      const after = response.body as Case;
      expect(stepOf(after, 'risk_assessment').assessment).toEqual({ method: 'b_safer', level: 'high' });
      expect(stepOf(after, 'risk_conference').status).toBe('active');
      expect(stepOf(after, 'follow_up')).toMatchObject({
        status: 'skipped',
        reasonCode: 'condition_not_met',
        completedBy: null,
        unmetConditions: [
          { step: 'risk_assessment', levelIn: ['low', 'moderate'], status: 'done', assessmentLevel: 'high' },
        ],
      });
      expect(stepOf(after, 'safety_plan').status).toBe('waiting');
      const reminderKeys = await t.dataSource.query<{ step_key: string }[]>(
        `SELECT DISTINCT step_key FROM reminder WHERE case_id = $1`,
        [kase.id],
      );
      expect(reminderKeys.map((row) => row.step_key).sort()).toEqual(['risk_assessment', 'risk_conference']);
      const [event] = await t.dataSource.query<{ data: Record<string, unknown> }[]>(
        `SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'case.step.completed'`,
        [kase.id],
      );
      expect(event.data).toMatchObject({
        assessment: { method: 'b_safer', level: 'high' },
        activatedSteps: ['risk_conference'],
        conditionSkippedSteps: ['follow_up'],
        conditionSkipReason: 'condition_not_met',
      });
      const shown = await t.http.get(`/api/v1/cases/${kase.id}`).set(bearer(police.users.caseworker.token));
      expect(stepOf(shown.body as Case, 'follow_up').unmetConditions).toHaveLength(1);
      expect((await t.http.get(`/api/v1/cases/${kase.id}`).set(bearer(outsider.users.caseworker.token))).status).toBe(
        404,
      );
    });

    it('takes the low branch: the conference is skipped, and the safety plan after it activates', async () => {
      const kase = await openRiskCase();
      const response = await complete(social.users.caseworker.token, kase.id, 'risk_assessment', {
        outcomeCode: 'assessed',
        assessment: { method: 'sara_sv', level: 'low' },
      });
      expect(response.status).toBe(200);
      const after = response.body as Case;
      expect(stepOf(after, 'risk_conference')).toMatchObject({ status: 'skipped', reasonCode: 'condition_not_met' });
      expect(stepOf(after, 'follow_up').status).toBe('active');
      expect(stepOf(after, 'safety_plan').status).toBe('active');
      expect(
        await count(`SELECT count(*) AS n FROM reminder WHERE case_id = $1 AND step_key = 'risk_conference'`, [
          kase.id,
        ]),
      ).toBe(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM outbox_event WHERE payload->>'caseId' = $1 AND type = 'case.step.skipped' AND payload->>'reasonCode' = 'condition_not_met'`,
          [kase.id],
        ),
      ).toBe(1);
    });

    it('refuses condition_not_met as a reason users give', async () => {
      const kase = await openRiskCase();
      const response = await t.http
        .post(`/api/v1/cases/${kase.id}/steps/risk_assessment/skip`)
        .set(bearer(social.users.caseworker.token))
        .send({ reasonCode: 'condition_not_met' });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors).toEqual([
        expect.objectContaining({ field: 'reasonCode', code: 'system_only' }),
      ]);
    });
  });

  it('moves a conditional dependent exactly once when its two dependencies are completed concurrently', async () => {
    const parallel = await createPublishedRoutine(
      t.dataSource,
      { organizationId: social.id, userId: social.users.coordinator.id },
      routineDefinition([
        routineStep('social_check', SocialServices, { dueFrom: 'case_start', outcomeCodes: ['concern', 'no_concern'] }),
        routineStep('police_check', Police, { dueFrom: 'case_start', outcomeCodes: ['concern', 'no_concern'] }),
        routineStep('joint_meeting', SocialServices, {
          dependsOn: ['social_check', 'police_check'],
          when: [{ step: 'social_check', outcomeIn: ['concern'] }],
        }),
      ]),
    );
    for (const [round, outcome] of ['concern', 'no_concern', 'concern', 'no_concern'].entries()) {
      const kase = await openCase<Case>(t.http, social.users.caseworker.token, {
        routineId: parallel.id,
        participants: [social.id, police.id],
      });
      const responses = await Promise.all([
        complete(social.users.caseworker.token, kase.id, 'social_check', { outcomeCode: outcome }),
        complete(police.users.caseworker.token, kase.id, 'police_check', { outcomeCode: 'concern' }),
      ]);
      expect(responses.map((response) => response.status)).toEqual([200, 200]);
      const events = await t.dataSource.query<
        { data: { activatedSteps: string[]; conditionSkippedSteps?: string[] } }[]
      >(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'case.step.completed' ORDER BY sequence`, [
        kase.id,
      ]);
      const moved = events.flatMap((event) => [
        ...event.data.activatedSteps,
        ...(event.data.conditionSkippedSteps ?? []),
      ]);
      expect({ round, moved }).toEqual({ round, moved: ['joint_meeting'] });
      const type = outcome === 'concern' ? 'case.step.activated' : 'case.step.skipped';
      expect(
        await count(
          `SELECT count(*) AS n FROM outbox_event WHERE payload->>'caseId' = $1 AND payload->>'stepKey' = 'joint_meeting' AND type = $2`,
          [kase.id, type],
        ),
      ).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM reminder WHERE case_id = $1 AND step_key = 'joint_meeting'`, [kase.id]),
      ).toBe(outcome === 'concern' ? 1 : 0);
    }
  });
});
