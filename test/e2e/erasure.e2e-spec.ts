import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { Role } from '../../src/common/auth/role';
import { Finding, scanDatabase } from '../../src/erasure/personal-data-scan';
import { OrganizationType } from '../../src/organizations/organization-type';
import { asText, verifyAfterTampering } from '../support/audit-support';
import { bearer, createOrganization, FixtureOrganization, issueToken, loginAdmin } from '../support/fixtures';
import { createPublishedRoutine, routineDefinition, routineStep } from '../support/routine-fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

const IDENTITY_CODE = 'pnr197707077074';
const PHONE = '070-123 45 67';
/** Digits of the planted identifiers: no response, audit event or export may carry them. */
const TRACES = ['7707077074', '0701234567'];
const digitsOf = (text: string) => text.replace(/\D/g, '');

interface ErasureRequestBody {
  id: string;
  status: string;
  requestedBy: string;
  decidedBy: string | null;
}

/**
 * The remedy for what got past the guard, from outside: values planted past the API (as a detector gap let them in),
 * found by the scan, erased with an admin's request and a different auditor's approval, after which the scan is
 * clean, verification reports the redacted event and a valid chain, tampering is still caught, and exports show it.
 */
describe('erasure of personal data that got past the guard', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  let county: FixtureOrganization;
  let social: FixtureOrganization;
  let audit: AuditService;

  const http = () => t.http;
  const requestErasure = (token: string, body: object) =>
    http().post('/api/v1/erasure-requests').set(bearer(token)).send(body);
  const decide = (token: string, id: string, decision: 'approve' | 'reject' | 'withdraw') =>
    http().post(`/api/v1/erasure-requests/${id}/${decision}`).set(bearer(token)).send();
  const auditorToken = () => county.users.auditor.token;

  /** The scan's findings in rows this suite planted (other suites share the database). */
  async function scanOurs(tables: string[], rows: (row: Record<string, string>) => boolean): Promise<Finding[]> {
    const found: Finding[] = [];
    await scanDatabase(t.dataSource.manager, (finding) => rows(finding.row) && found.push(finding), { tables });
    return found;
  }

  /** Plants an audit event the old guard let through, by the normal append path. Answers its sequence. */
  async function plantAuditEvent(stepKey = `step_${uniqueSuffix()}`): Promise<number> {
    const requestId = `erasure-${uniqueSuffix()}`;
    const actor = {
      user: {
        id: social.users.coordinator.id,
        organizationId: social.id,
        organizationType: OrganizationType.SocialServices,
        roles: [Role.Coordinator],
      },
      requestId,
    };
    await audit.record(actor, {
      action: 'case_step.skipped',
      entity: { type: 'case_step', id: stepKey },
      organizationIds: [social.id],
      data: { reasonCode: IDENTITY_CODE, stepKey },
    });
    const [{ sequence }] = await t.dataSource.query<{ sequence: string }[]>(
      `SELECT sequence FROM audit_event WHERE request_id = $1`,
      [requestId],
    );
    return Number(sequence);
  }

  const auditFinding = (sequence: number) => ({
    table: 'audit_event',
    column: 'data',
    row: { sequence: String(sequence) },
    path: ['reasonCode'],
    kind: 'personal_identity_number',
    reasonCode: 'personal_data_leak',
  });

  const eventAt = async (sequence: number) =>
    (
      await t.dataSource.query<
        {
          data: Record<string, unknown>;
          action: string;
        }[]
      >(`SELECT data, action FROM audit_event WHERE sequence = $1`, [sequence])
    )[0];

  const verifyAfter = (tamper: (manager: EntityManager) => Promise<unknown>) =>
    verifyAfterTampering(t.dataSource, audit, tamper);

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditService);
    adminToken = await loginAdmin(t.app);
    adminId = ((await http().get('/api/v1/auth/me').set(bearer(adminToken))).body as { id: string }).id;
    county = await createOrganization(t.app, OrganizationType.CountyBoard, '0180', [Role.Auditor, Role.Admin]);
    social = await createOrganization(t.app, OrganizationType.SocialServices, '0181', [Role.Auditor, Role.Coordinator]);
  });
  afterAll(() => t.close());

  describe('end to end: scan, request, approve, scan clean, verify, export', () => {
    let sequence: number;
    let organizationId: string;
    let routineId: string;
    let auditRequest: ErasureRequestBody;
    const responses: string[] = [];

    beforeAll(async () => {
      sequence = await plantAuditEvent();
      [{ id: organizationId }] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO organization (name, type, municipality_code) VALUES ($1, 'other', '0180') RETURNING id`,
        [`Kontakt ${PHONE}`],
      );
      routineId = (
        await createPublishedRoutine(
          t.dataSource,
          { organizationId: social.id, userId: social.users.coordinator.id },
          routineDefinition([
            routineStep('first_contact', OrganizationType.SocialServices, { title: `Ring ${PHONE}` }),
          ]),
        )
      ).id;
    });

    it('the scan finds the three planted values', async () => {
      const found = await scanOurs(
        ['audit_event', 'organization', 'routine_version'],
        (row) => row.sequence === String(sequence) || row.id === organizationId || row.routine_id === routineId,
      );
      expect(found).toEqual(
        expect.arrayContaining([
          {
            table: 'audit_event',
            column: 'data',
            row: { sequence: String(sequence) },
            path: ['reasonCode'],
            target: 'value',
            kind: 'personal_identity_number',
          },
          { table: 'organization', column: 'name', row: { id: organizationId }, target: 'value', kind: 'phone' },
          {
            table: 'routine_version',
            column: 'definition',
            row: { routine_id: routineId, version: '1' },
            path: ['steps', 0, 'title'],
            target: 'value',
            kind: 'phone',
          },
        ]),
      );
      expect(found).toHaveLength(3);
    });

    it('an admin requests each erasure; it is pending and changes nothing yet', async () => {
      const response = await requestErasure(adminToken, auditFinding(sequence));
      expect(response.status).toBe(201);
      auditRequest = response.body as ErasureRequestBody;
      expect(auditRequest).toMatchObject({ status: 'pending', requestedBy: adminId, decidedBy: null, target: 'value' });
      expect((await eventAt(sequence)).data.reasonCode).toBe(IDENTITY_CODE);
      responses.push(JSON.stringify(response.body));
    });

    it('a second request for the same value while one is pending is a conflict', async () => {
      const response = await requestErasure(adminToken, auditFinding(sequence));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'erasure_request.already_requested' });
    });

    it('an auditor of the county board approves: the value is redacted, the rest of the event stays', async () => {
      const response = await decide(auditorToken(), auditRequest.id, 'approve');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'performed',
        requestedBy: adminId,
        decidedBy: county.users.auditor.id,
      });
      responses.push(JSON.stringify(response.body));
      const event = await eventAt(sequence);
      expect(event).toEqual({
        action: 'case_step.skipped',
        data: { reasonCode: '[redacted]', stepKey: expect.any(String) },
      });
    });

    it('erases values in ordinary tables and in a frozen routine version the same way', async () => {
      for (const finding of [
        { table: 'organization', column: 'name', row: { id: organizationId }, kind: 'phone' },
        {
          table: 'routine_version',
          column: 'definition',
          row: { routine_id: routineId, version: '1' },
          path: ['steps', 0, 'title'],
          kind: 'phone',
        },
      ]) {
        const requested = await requestErasure(adminToken, { ...finding, reasonCode: 'personal_data_leak' });
        expect(requested.status).toBe(201);
        const approved = await decide(auditorToken(), (requested.body as ErasureRequestBody).id, 'approve');
        expect(approved.status).toBe(200);
        responses.push(JSON.stringify(requested.body), JSON.stringify(approved.body));
      }
      const [{ name }] = await t.dataSource.query<{ name: string }[]>(`SELECT name FROM organization WHERE id = $1`, [
        organizationId,
      ]);
      expect(name).toBe('[redacted]');
      const [{ title }] = await t.dataSource.query<{ title: string }[]>(
        `SELECT definition #>> '{steps,0,title}' AS title FROM routine_version WHERE routine_id = $1`,
        [routineId],
      );
      expect(title).toBe('[redacted]');
      await expect(
        t.dataSource.query(`UPDATE routine_version SET definition = '{}' WHERE routine_id = $1`, [routineId]),
      ).rejects.toThrow('routine_version is immutable');
    });

    it('the scan is clean for them afterwards', async () => {
      const found = await scanOurs(
        ['audit_event', 'organization', 'routine_version'],
        (row) => row.sequence === String(sequence) || row.id === organizationId || row.routine_id === routineId,
      );
      expect(found).toEqual([]);
    });

    it('verify reports the redacted event, and the chain valid', async () => {
      const response = await http().get('/api/v1/audit-events/verify').set(bearer(auditorToken()));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true, firstInvalidSequence: null });
      expect(response.body.redactedSequences).toContain(sequence);
    });

    it('audits the redaction with who requested, who approved, which event and field, the reason — never the value', async () => {
      const listed = await http()
        .get('/api/v1/audit-events')
        .query({ action: 'audit_event.redacted', entityId: String(sequence) })
        .set(bearer(adminToken));
      expect(listed.status).toBe(200);
      const [event] = listed.body.items as {
        sequence: number;
        actor: { userId: string };
        organizationIds: string[];
        data: Record<string, unknown>;
      }[];
      expect(event.sequence).toBeGreaterThan(sequence);
      expect(event.actor.userId).toBe(county.users.auditor.id);
      expect(event.organizationIds).toContain(social.id);
      expect(event.data).toEqual({
        erasureRequestId: auditRequest.id,
        requestedBy: adminId,
        approvedBy: county.users.auditor.id,
        reasonCode: 'personal_data_leak',
        kind: 'personal_identity_number',
        sequence,
        field: 'data',
        path: ['reasonCode'],
        target: 'value',
        redactedContentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const erased = await http()
        .get('/api/v1/audit-events')
        .query({ action: 'personal_data.erased', actorUserId: county.users.auditor.id })
        .set(bearer(adminToken));
      expect((erased.body.items as { data: { table: string } }[]).map((e) => e.data.table).sort()).toEqual([
        'organization',
        'routine_version',
      ]);
      const created = await http()
        .get('/api/v1/audit-events')
        .query({ action: 'erasure_request.created', entityId: auditRequest.id })
        .set(bearer(adminToken));
      expect(created.body.items).toHaveLength(1);
      for (const body of [listed.body, erased.body, created.body, ...responses]) {
        for (const trace of TRACES) {
          expect(digitsOf(JSON.stringify(body))).not.toContain(trace);
        }
      }
    });

    it('still detects any other change, to the redacted event or its redacted data, and an undone redaction', async () => {
      const tamperings = [
        `UPDATE audit_event SET actor_user_id = NULL WHERE sequence = ${sequence}`,
        `UPDATE audit_event SET data = jsonb_set(data, '{stepKey}', '"other_step"') WHERE sequence = ${sequence}`,
        `UPDATE audit_event SET data = jsonb_set(data, '{reasonCode}', '"[redacted] "') WHERE sequence = ${sequence}`,
        `UPDATE audit_event SET data = jsonb_set(data, '{reasonCode}', '"${IDENTITY_CODE}"') WHERE sequence = ${sequence}`,
      ];
      for (const sql of tamperings) {
        await expect(verifyAfter((m) => m.query(sql))).resolves.toMatchObject({
          valid: false,
          firstInvalidSequence: sequence,
        });
      }
      const redactionRecord = `UPDATE audit_event SET data = jsonb_set(data, '{redactedContentHash}', to_jsonb(repeat('0', 64))) WHERE action = 'audit_event.redacted' AND entity_id = '${sequence}'`;
      await expect(verifyAfter((m) => m.query(redactionRecord))).resolves.toMatchObject({ valid: false });
      await expect(audit.verify()).resolves.toMatchObject({ valid: true });
    });

    it('the database still refuses plain UPDATE, DELETE and TRUNCATE of the trail', async () => {
      for (const [operation, sql] of [
        ['UPDATE', `UPDATE audit_event SET data = '{}' WHERE sequence = ${sequence}`],
        ['DELETE', `DELETE FROM audit_event WHERE sequence = ${sequence}`],
        ['TRUNCATE', `TRUNCATE audit_event`],
      ]) {
        await expect(t.dataSource.query(sql)).rejects.toThrow(`audit_event is append-only: ${operation} refused`);
      }
    });

    it('exports show the redaction, and a third party re-verifies the redacted record from the export alone', async () => {
      const exported = (query: Record<string, string>) =>
        http().get('/api/v1/audit-events/export').query(query).set(bearer(adminToken)).buffer(true).parse(asText);
      const [line] = (
        (
          await exported({
            format: 'ndjson',
            entityType: 'case_step',
            entityId: String((await eventAt(sequence)).data.stepKey),
          })
        ).body as string
      )
        .trim()
        .split('\n');
      const record = JSON.parse(line) as {
        sequence: number;
        content: object;
        contentHash: string;
        prevHash: string;
        hash: string;
        redactions: { redactionSequence: number }[];
      };
      expect(record.redactions).toEqual([
        { redactionSequence: expect.any(Number), field: 'data', path: ['reasonCode'], target: 'value' },
      ]);
      const [redactionLine] = (
        (await exported({ format: 'ndjson', action: 'audit_event.redacted', entityId: String(sequence) }))
          .body as string
      )
        .trim()
        .split('\n');
      const redaction = JSON.parse(redactionLine) as {
        sequence: number;
        content: { data: { redactedContentHash: string } };
      };
      expect(redaction.sequence).toBe(record.redactions[0].redactionSequence);
      const sha256 = (...parts: Buffer[]) =>
        parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest('hex');
      expect(sha256(Buffer.from(canonicalize(record.content) ?? '', 'utf8'))).toBe(
        redaction.content.data.redactedContentHash,
      );
      expect(sha256(Buffer.from(canonicalize(record.content) ?? '', 'utf8'))).not.toBe(record.contentHash);
      expect(sha256(Buffer.from(record.prevHash, 'hex'), Buffer.from(record.contentHash, 'hex'))).toBe(record.hash);

      const csv = (
        await exported({
          format: 'csv',
          entityType: 'case_step',
          entityId: String((await eventAt(sequence)).data.stepKey),
        })
      ).body as string;
      expect(csv.split('\r\n')[0].split(',').pop()).toBe('redactions');
      expect(csv).toContain(`""redactionSequence"":${redaction.sequence}`);
      for (const trace of TRACES) {
        expect(digitsOf(line + csv)).not.toContain(trace);
      }
    });
  });

  describe('who may do what', () => {
    let sequence: number;
    let pending: ErasureRequestBody;
    let dual: { id: string; token: string };

    beforeAll(async () => {
      sequence = await plantAuditEvent();
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO app_user (email, display_name, organization_id, roles, password_hash) VALUES ($1, 'Dual role', $2, $3, 'not-a-hash') RETURNING id`,
        [`dual.${uniqueSuffix()}@test.samverkan.local`, county.id, [Role.Admin, Role.Auditor]],
      );
      dual = { id, token: await issueToken(t.app, id) };
      const response = await requestErasure(dual.token, auditFinding(sequence));
      expect(response.status).toBe(201);
      pending = response.body as ErasureRequestBody;
    });

    it.each([
      ['a coordinator requests', () => requestErasure(social.users.coordinator.token, auditFinding(sequence))],
      ['an auditor requests', () => requestErasure(auditorToken(), auditFinding(sequence))],
      ['an admin approves', () => decide(adminToken, pending.id, 'approve')],
      ['a coordinator lists', () => http().get('/api/v1/erasure-requests').set(bearer(social.users.coordinator.token))],
      ['an auditor withdraws', () => decide(auditorToken(), pending.id, 'withdraw')],
    ])('refuses the wrong role with 403: %s', async (_, call) => {
      const response = await call();
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses a caller without a token with 401', async () => {
      expect((await http().get('/api/v1/erasure-requests')).status).toBe(401);
    });

    it('refuses an auditor who does not see the whole trail', async () => {
      for (const call of [
        () => decide(social.users.auditor.token, pending.id, 'approve'),
        () => http().get('/api/v1/erasure-requests').set(bearer(social.users.auditor.token)),
      ]) {
        const response = await call();
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'erasure_request.auditor_scope' });
      }
    });

    it('needs two people: whoever requested cannot approve or reject, even holding the auditor role', async () => {
      for (const decision of ['approve', 'reject'] as const) {
        const response = await decide(dual.token, pending.id, decision);
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'erasure_request.same_person' });
      }
      expect((await eventAt(sequence)).data.reasonCode).toBe(IDENTITY_CODE);
    });

    it('lets only the requester withdraw, and nothing can be decided after that', async () => {
      const other = await decide(county.users.admin.token, pending.id, 'withdraw');
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ code: 'erasure_request.not_requester' });
      const own = await decide(dual.token, pending.id, 'withdraw');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ status: 'withdrawn', decidedBy: null });
      const late = await decide(auditorToken(), pending.id, 'approve');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'erasure_request.not_pending' });
    });

    it('an auditor rejects a request: nothing is erased, and the request can be listed and read', async () => {
      const requested = await requestErasure(adminToken, {
        ...auditFinding(sequence),
        reasonCode: 'data_subject_request',
      });
      expect(requested.status).toBe(201);
      const rejected = await decide(auditorToken(), (requested.body as ErasureRequestBody).id, 'reject');
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: county.users.auditor.id });
      expect((await eventAt(sequence)).data.reasonCode).toBe(IDENTITY_CODE);
      const read = await http()
        .get(`/api/v1/erasure-requests/${(requested.body as ErasureRequestBody).id}`)
        .set(bearer(auditorToken()));
      expect(read.body).toMatchObject({ status: 'rejected', reasonCode: 'data_subject_request' });
      const listed = await http()
        .get('/api/v1/erasure-requests')
        .query({ status: 'rejected', limit: 200 })
        .set(bearer(adminToken));
      expect((listed.body.items as ErasureRequestBody[]).map((r) => r.id)).toContain(
        (requested.body as ErasureRequestBody).id,
      );
      expect(
        (
          await http()
            .get(`/api/v1/erasure-requests/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
            .set(bearer(adminToken))
        ).status,
      ).toBe(404);
    });

    it.each([
      [
        'staff account data',
        { table: 'app_user', column: 'email', row: { id: '00000000-0000-4000-8000-000000000000' } },
        'staff_account_data',
      ],
      ['an unknown table', { table: 'no_such_table', column: 'note', row: { id: '1' } }, 'unknown'],
      [
        'an audit field that is not redacted',
        { table: 'audit_event', column: 'action', row: { sequence: '1' } },
        'audit_field',
      ],
      [
        'a key column',
        { table: 'case_step', column: 'key', row: { case_id: '00000000-0000-4000-8000-000000000000', key: 'x' } },
        'key_column',
      ],
      ['a wrong row key', { table: 'audit_event', column: 'data', row: { id: '1' } }, 'row_key'],
    ])('refuses to erase %s with 422', async (_, target, code) => {
      const response = await requestErasure(adminToken, {
        path: [],
        kind: 'email',
        reasonCode: 'retention',
        ...target,
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'erasure_request.not_erasable',
        errors: [expect.objectContaining({ code })],
      });
    });

    it('refuses a target that holds no value detected as the kind named', async () => {
      const response = await requestErasure(adminToken, { ...auditFinding(sequence), path: ['stepKey'] });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'erasure_request.not_detected' });
    });

    it('passes the request itself through the privacy guard, naming the field and kind, never echoing', async () => {
      for (const body of [
        { ...auditFinding(sequence), row: { sequence: IDENTITY_CODE } },
        { ...auditFinding(sequence), path: [`Ring ${PHONE}`] },
      ]) {
        const response = await requestErasure(adminToken, body);
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          code: 'personal_data',
          errors: [expect.objectContaining({ code: 'personal_data' })],
        });
        for (const trace of TRACES) {
          expect(digitsOf(JSON.stringify(response.body))).not.toContain(trace);
        }
      }
      const invalid = await requestErasure(adminToken, { ...auditFinding(sequence), reasonCode: 'because' });
      expect(invalid.status).toBe(400);
    });
  });
});
