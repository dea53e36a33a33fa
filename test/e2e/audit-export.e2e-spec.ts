import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { OrganizationType } from '../../src/organizations/organization-type';
import { asText } from '../support/audit-support';
import { bearer, createOrganization, FixtureOrganization, loginAdmin } from '../support/fixtures';
import { startTestApp, TestApp, uniqueSuffix } from '../support/test-app';

/**
 * A third party's re-verification of an NDJSON export of the whole chain: node:crypto and an RFC 8785
 * canonicaliser only, none of the service's code. A record with `redactions` (erasure, docs/audit.md) keeps its
 * contentHash and hash; its content must instead hash to the `redactedContentHash` its last redaction event records,
 * and that event must follow later in the export.
 */
function reverifyExport(ndjson: string): { valid: boolean; checked: number; lastHash: string; problem?: string } {
  const sha256 = (...parts: Buffer[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
  type ExportRecord = {
    sequence: number;
    content: { data: Record<string, unknown> };
    contentHash: string;
    prevHash: string;
    hash: string;
    redactions?: { redactionSequence: number }[];
  };
  const records = ndjson
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ExportRecord);
  const bySequence = new Map(records.map((record) => [record.sequence, record]));
  let previous = Buffer.alloc(32);
  let checked = 0;
  for (const record of records) {
    const lastRedaction = record.redactions?.length
      ? bySequence.get(record.redactions[record.redactions.length - 1].redactionSequence)
      : undefined;
    const expectedContentHash = record.redactions?.length
      ? lastRedaction?.content.data.redactedContentHash
      : record.contentHash;
    const problem =
      record.sequence !== checked + 1
        ? 'sequence gap'
        : record.prevHash !== previous.toString('hex')
          ? 'prevHash does not link'
          : sha256(Buffer.from(canonicalize(record.content) ?? '', 'utf8')).toString('hex') !== expectedContentHash
            ? 'content altered'
            : sha256(Buffer.from(record.prevHash, 'hex'), Buffer.from(record.contentHash, 'hex')).toString('hex') !==
                record.hash
              ? 'hash wrong'
              : undefined;
    if (problem) {
      return { valid: false, checked, lastHash: previous.toString('hex'), problem: `${problem} at ${record.sequence}` };
    }
    previous = Buffer.from(record.hash, 'hex');
    checked += 1;
  }
  return { valid: true, checked, lastHash: previous.toString('hex') };
}

/** RFC 4180 reader, enough for the test: quoted fields with doubled quotes, commas and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else {
      field += char;
    }
  }
  return rows;
}

describe('audit events: export', () => {
  let t: TestApp;
  let adminToken: string;
  let socialServices: FixtureOrganization;
  let police: FixtureOrganization;
  const reason = `Granskning, "kvartal 3" ${uniqueSuffix()}`;

  const exportAs = (token: string, query: Record<string, string>) =>
    t.http.get('/api/v1/audit-events/export').query(query).set(bearer(token)).buffer(true).parse(asText);

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await loginAdmin(t.app);
    socialServices = await createOrganization(t.app, OrganizationType.SocialServices, '0181');
    police = await createOrganization(t.app, OrganizationType.Police, '0180');
    for (const [organization, headers] of [
      [socialServices, { 'X-Access-Reason': reason }],
      [police, { 'X-Access-Reason': '=HYPERLINK("x")' }],
    ] as const) {
      const response = await t.http
        .patch(`/api/v1/organizations/${organization.id}`)
        .set(bearer(adminToken))
        .set(headers)
        .send({ name: `Renamed ${uniqueSuffix()}` });
      expect(response.status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('streams the whole chain as NDJSON that a third party re-verifies with SHA-256 and RFC 8785 alone', async () => {
    const response = await exportAs(adminToken, { format: 'ndjson' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-events.ndjson"');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const body = response.body as string;
    const result = reverifyExport(body);
    expect(result).toEqual({ valid: true, checked: expect.any(Number), lastHash: expect.any(String) });
    // The export runs through the head as it was when the export began; that head is in the database.
    const [stored] = await t.dataSource.query<{ hash: string }[]>(
      `SELECT encode(hash, 'hex') AS hash FROM audit_event WHERE sequence = $1`,
      [result.checked],
    );
    expect(stored.hash).toBe(result.lastHash);
    expect((await t.http.get('/api/v1/audit-events/verify').set(bearer(adminToken))).body).toMatchObject({
      valid: true,
    });
  });

  it('catches an altered record, so the re-verification is not a formality', async () => {
    const body = (await exportAs(adminToken, { format: 'ndjson' })).body as string;
    const lines = body.split('\n').filter(Boolean);
    const altered = JSON.parse(lines[0]) as { content: { action: string } };
    altered.content.action = 'user.deleted';
    expect(reverifyExport([JSON.stringify(altered), ...lines.slice(1)].join('\n'))).toMatchObject({
      valid: false,
      problem: 'content altered at 1',
    });
    expect(reverifyExport(lines.slice(1).join('\n'))).toMatchObject({ valid: false, problem: 'sequence gap at 2' });
  });

  it('records the export as audit_event.exported, with the format, filters and the last sequence exported', async () => {
    const auditor = socialServices.users.auditor;
    const body = (await exportAs(auditor.token, { format: 'ndjson', action: 'organization.updated' })).body as string;
    const lastSequence = (JSON.parse(body.trim().split('\n').pop() ?? '{}') as { sequence: number }).sequence;
    const listed = await t.http
      .get('/api/v1/audit-events')
      .query({ action: 'audit_event.exported', actorUserId: auditor.id })
      .set(bearer(adminToken));
    const [event] = listed.body.items as {
      data: { format: string; filters: object; throughSequence: number };
      sequence: number;
    }[];
    expect(event.data).toEqual({
      format: 'ndjson',
      filters: { action: 'organization.updated' },
      throughSequence: expect.any(Number),
    });
    expect(event.data.throughSequence).toBeGreaterThanOrEqual(lastSequence);
    expect(event.sequence).toBeGreaterThan(event.data.throughSequence);
  });

  it("applies the same filters and the auditor's scope", async () => {
    const auditor = socialServices.users.auditor;
    const records = ((await exportAs(auditor.token, { format: 'ndjson' })).body as string)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { content: { organizationIds: string[]; entity: { id: string } } });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.content.organizationIds).toContain(socialServices.id);
    }
    expect(records.some((record) => record.content.entity.id === police.id)).toBe(false);

    const filtered = (
      (await exportAs(adminToken, { format: 'ndjson', entityType: 'organization', entityId: police.id })).body as string
    )
      .trim()
      .split('\n');
    expect(filtered).toHaveLength(1);
    expect(JSON.parse(filtered[0]).content.entity).toEqual({ type: 'organization', id: police.id });
  });

  it('streams CSV with RFC 4180 escaping, the canonical content in a column, and safe spreadsheet cells', async () => {
    const response = await exportAs(adminToken, { format: 'csv', entityType: 'organization' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = parseCsv(response.body as string);
    expect(header).toEqual([
      'sequence',
      'occurredAt',
      'action',
      'actorType',
      'actorUserId',
      'actorOrganizationId',
      'entityType',
      'entityId',
      'organizationIds',
      'requestId',
      'accessReason',
      'content',
      'contentHash',
      'prevHash',
      'hash',
      'redactions',
    ]);
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      expect(createHash('sha256').update(column(row, 'content'), 'utf8').digest('hex')).toBe(
        column(row, 'contentHash'),
      );
      const hash = createHash('sha256')
        .update(Buffer.from(column(row, 'prevHash'), 'hex'))
        .update(Buffer.from(column(row, 'contentHash'), 'hex'));
      expect(hash.digest('hex')).toBe(column(row, 'hash'));
    }
    const ofSocialServices = rows.find((row) => column(row, 'entityId') === socialServices.id);
    expect(column(ofSocialServices ?? [], 'accessReason')).toBe(reason);
    expect(JSON.parse(column(ofSocialServices ?? [], 'content')).accessReason).toBe(reason);
    const ofPolice = rows.find((row) => column(row, 'entityId') === police.id);
    expect(column(ofPolice ?? [], 'accessReason')).toBe('\'=HYPERLINK("x")');
    expect(JSON.parse(column(ofPolice ?? [], 'content')).accessReason).toBe('=HYPERLINK("x")');
  });

  it('refuses an unknown format with 400', async () => {
    expect(
      (await t.http.get('/api/v1/audit-events/export').query({ format: 'xml' }).set(bearer(adminToken))).status,
    ).toBe(400);
  });
});
