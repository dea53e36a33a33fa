import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { OrganizationType } from '../../src/organizations/organization-type';
import { bearer, createOrganization, FixtureOrganization } from '../support/fixtures';
import { routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

interface BpmnCheck {
  warnings: string[];
  reports: { rule: string; id: string; message: string; category: string }[];
  userTasks: number;
  exclusiveGateways: number;
  parallelGateways: number;
  boundaryEvents: number;
  conditionalFlows: number;
  lanes: string[];
  shapes: number;
  edges: number;
}

/** bpmn-moddle is ESM-only, which Jest cannot load: the parse and the lint run in a child node process. */
const checkBpmn = (xml: string) =>
  JSON.parse(
    execFileSync(process.execPath, [join(__dirname, '../support/bpmn-check.mjs')], { input: xml, encoding: 'utf8' }),
  ) as BpmnCheck;

const { SocialServices, Police, Healthcare } = OrganizationType;

/** Parallel branches, a join, a conditional step, escalations and a title with characters both formats escape. */
const definition = () =>
  routineDefinition(
    [
      routineStep('risk_assessment', SocialServices, {
        title: 'Riskbedömning "SARA" <våldsutövare> | steg 1 & 2 #a',
        dueFrom: 'case_start',
        escalateAfter: 'P2D',
        outcomeCodes: ['assessed'],
        assessment: { methods: ['sara_sv', 'b_safer'] },
      }),
      routineStep('health_check', Healthcare, { dueFrom: 'case_start' }),
      routineStep('risk_conference', Police, {
        dependsOn: ['risk_assessment'],
        escalateAfter: 'P1D',
        when: [{ step: 'risk_assessment', levelIn: ['high'] }],
      }),
      routineStep('end', SocialServices, { title: 'Uppföljning', dependsOn: ['risk_conference', 'health_check'] }),
    ],
    { goals: [2], measures: ['2.1'] },
  );

describe('routine diagrams: BPMN 2.0 with DI and Mermaid', () => {
  let t: TestApp;
  let social: FixtureOrganization;
  let police: FixtureOrganization;
  let routineId: string;

  const diagram = (token: string, path: string) =>
    t.http
      .get(`/api/v1/routines/${routineId}/${path}`)
      .set(bearer(token))
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });

  beforeAll(async () => {
    t = await startTestApp();
    social = await createOrganization(t.app, SocialServices, '0189');
    police = await createOrganization(t.app, Police, '0189');
    const created = await t.http
      .post('/api/v1/routines')
      .set(bearer(social.users.coordinator.token))
      .send(definition());
    expect(created.status).toBe(201);
    routineId = (created.body as { id: string }).id;
  });
  afterAll(() => t.close());

  it('serves the draft to its owner organisation only', async () => {
    const own = await diagram(social.users.caseworker.token, 'draft/diagram?format=mermaid');
    expect(own.status).toBe(200);
    expect((await diagram(police.users.caseworker.token, 'draft/diagram')).status).toBe(404);
  });

  it('answers 400 for an unknown format and 404 for a version that does not exist', async () => {
    expect((await diagram(social.users.caseworker.token, 'draft/diagram?format=svg')).status).toBe(400);
    expect((await diagram(social.users.caseworker.token, 'versions/9/diagram')).status).toBe(404);
  });

  describe('of a published version', () => {
    beforeAll(async () => {
      const published = await t.http
        .post(`/api/v1/routines/${routineId}/publish`)
        .set(bearer(social.users.coordinator.token));
      expect(published.status).toBe(201);
    });

    it('is BPMN 2.0 that bpmn-moddle parses without warnings and bpmnlint (recommended) passes', async () => {
      const response = await diagram(police.users.caseworker.token, 'versions/1/diagram?format=bpmn');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/bpmn\+xml/);
      const xml = response.body as string;
      const check = checkBpmn(xml);
      expect(check.warnings).toEqual([]);
      expect(check.reports).toEqual([]);
      expect(check).toMatchObject({
        userTasks: 4,
        exclusiveGateways: 2,
        conditionalFlows: 1,
        boundaryEvents: 2,
        lanes: ['Socialtjänst', 'Hälso- och sjukvård', 'Polis'],
      });
      // Start fork and the join before the last step.
      expect(check.parallelGateways).toBe(2);
      // Every flow node and lane has a shape, every flow an edge.
      expect(check.shapes).toBe(
        1 +
          3 +
          (xml.match(/<bpmn:(userTask|startEvent|endEvent|exclusiveGateway|parallelGateway|boundaryEvent) /g) ?? [])
            .length,
      );
      expect(check.edges).toBe((xml.match(/<bpmn:sequenceFlow /g) ?? []).length);
      expect(xml).toContain('risk_assessment.level in [&quot;high&quot;]');
      expect(xml).toContain('Riskbedömning &quot;SARA&quot; &lt;våldsutövare&gt; | steg 1 &amp; 2 #a');
      expect(xml).toContain('<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration>');
    });

    it('is a Mermaid flowchart with a subgraph per organisation type and the condition on the edge', async () => {
      const response = await diagram(social.users.manager.token, 'versions/1/diagram?format=mermaid');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/vnd\.mermaid/);
      const text = response.body as string;
      expect(text.startsWith('flowchart LR\n')).toBe(true);
      for (const lane of ['social_services["Socialtjänst"]', 'healthcare["Hälso- och sjukvård"]', 'police["Polis"]']) {
        expect(text).toContain(`subgraph lane_${lane}`);
      }
      expect(text).toContain('step_risk_assessment -. "risk_assessment: nivå high" .-> step_risk_conference');
      expect(text).toContain('Riskbedömning #quot;SARA#quot; #lt;våldsutövare#gt; #124; steg 1 & 2 #35;a');
      // A step keyed `end` (a Mermaid keyword) is a prefixed node.
      expect(text).toContain('step_end --> routine_end');
      expect((text.match(/\["/g) ?? []).length).toBe(4 + 3);
    });
  });
});
