import { startChildApp, ChildApp } from '../support/child-app';
import { SPELLINGS } from '../support/identifier-spellings';
import { OpenApiDocument, Operation, operationsOf } from '../support/openapi-walk';
import { dumpDatabase, groupFindings, searchDump, searchLog, searchTexts } from '../support/privacy-search';
import {
  Attack,
  attacksOn,
  countBy,
  countsByClass,
  exampleRequest,
  groupFailures,
  pool,
  runAttack,
  slowest,
  Verdict,
} from '../support/privacy-walk';
import { EXAMPLES, Target } from '../support/privacy-walk-examples';
import { Pool } from 'pg';
import {
  apiClient,
  buildWorld,
  registerSignIn,
  removePlantedValues,
  WALK_ADMIN,
  World,
} from '../support/privacy-walk-world';
import { freePort } from '../support/free-port';
import { startTestIdp, TestIdp } from '../support/test-idp';
import { TEST_REDIS_URL } from '../support/test-services';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';
import { sleep } from '../support/eventually';

/**
 * The privacy guard seen from outside, as an attacker would try it (issue 10, item 8). Every operation of the
 * OpenAPI document gets a valid request first (it must succeed, or the walk proves nothing), then the same request
 * with one value replaced by one spelling of an identity number, coordination number, phone number or e-mail
 * address: every body leaf, query and path parameter, the recorded headers `x-access-reason` and `x-request-id`,
 * and the body sent as text. Each must be refused without an echo. Afterwards a data-only dump of the test
 * database, the service's trace-level log and every webhook delivery are searched for the digits of every
 * identifier sent (normalised: every script's digits as ASCII, separators dropped) and every e-mail local part.
 *
 * Not walked meaningfully, by design: the staff e-mail fields (`POST /users` email, login email) get no e-mail
 * spellings (staff addresses are the personal data kept), only identity and phone numbers dressed as addresses;
 * code fields get no e-mail spellings (a code admits neither `@` nor `.`, and a name squeezed into one is
 * something no detector can know); passwords may be accepted (they are hashed), but never echoed or kept.
 */
describe('privacy walk: every field, parameter and recorded header refuses every spelling of an identifier', () => {
  const CONCURRENCY = 12;
  /** The header handling is the same on every route: these two carry every spelling, the others one per class. */
  const ALL_HEADER_SPELLINGS = ['GET /api/v1/cases/{id}', 'POST /api/v1/cases'];
  let child: ChildApp;
  let db: Pool;
  let receiver: WebhookReceiver;
  let idp: TestIdp;
  let world: World;
  let document: OpenApiDocument;
  let operations: Operation[];
  const verdicts: Verdict[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    // The service's URL is the redirect URI the identity provider knows: chosen before either starts.
    const port = await freePort();
    const serviceUrl = `http://127.0.0.1:${port}`;
    const returnTo = 'https://klient.example.se/inloggad';
    idp = await startTestIdp(`${serviceUrl}/api/v1/auth/oidc/callback`);
    child = await startChildApp({
      PORT: String(port),
      PUBLIC_URL: serviceUrl,
      SIGN_IN_RETURN_URLS: returnTo,
      OIDC_ALLOW_INSECURE_ISSUERS: 'true',
      IDP_SECRET_KEY: 'privacy-walk-identity-provider-secret-key',
      DATABASE_URL: process.env.SAMVERKAN_TEST_DATABASE_URL as string,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `${process.env.SAMVERKAN_TEST_QUEUE_PREFIX}-walk`,
      JWT_SECRET: 'privacy-walk-test-secret-that-is-long-enough',
      REFERENCE_HMAC_KEY: 'privacy-walk-test-hmac-key-that-is-long-enough',
      ADMIN_EMAIL: WALK_ADMIN.email,
      ADMIN_PASSWORD: WALK_ADMIN.password,
      MIGRATIONS_RUN: 'false',
      LOG_LEVEL: 'trace',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    const api = apiClient(child.url);
    document = JSON.parse((await api({ method: 'GET', url: '/docs-json' })).text) as OpenApiDocument;
    operations = operationsOf(document);
    db = new Pool({ connectionString: process.env.SAMVERKAN_TEST_DATABASE_URL, max: 4 });
    const built = await buildWorld(api, db, receiver.url);
    world = { ...built, signIn: await registerSignIn(built, idp, serviceUrl, returnTo) };
  }, 120_000);
  afterAll(async () => {
    if (db) {
      await removePlantedValues(db);
    }
    await db?.end();
    await child?.stop();
    await receiver?.close();
    await idp?.stop();
  });

  it('refuses every identifier in every field, parameter and recorded header, and echoes none', async () => {
    const api = world.api;
    // A valid request succeeds: with the status its example names (a sign-in's redirect), else any 2xx.
    const succeeded = (status: number, expected?: number) =>
      expected ? status === expected : status >= 200 && status < 300;
    const missing = operations.filter((operation) => !EXAMPLES[operation.id]).map((operation) => operation.id);
    const walked = operations.filter((operation) => EXAMPLES[operation.id]);

    // The valid request of every operation succeeds; an operation that uses up its target gets another for the walk.
    const invalidExamples: string[] = [];
    const walkTargets = new Map<string, Target>();
    for (const operation of walked) {
      const example = EXAMPLES[operation.id];
      const probe = example.target ? await example.target(world) : {};
      const reply = await api(exampleRequest(operation, example, world, probe));
      if (!succeeded(reply.status, example.status)) {
        invalidExamples.push(`${operation.id} → ${reply.status} ${reply.text.slice(0, 300)}`);
      }
      walkTargets.set(operation.id, example.target ? await example.target(world) : {});
    }

    const attacks = walked.flatMap((operation) =>
      attacksOn(document, operation, EXAMPLES[operation.id], world, ALL_HEADER_SPELLINGS.includes(operation.id)),
    );
    const preparing = Date.now();
    const fresh = await pool(attacks, 4, async (attack) => {
      const example = EXAMPLES[attack.operation.id];
      return attack.freshTarget && example.target ? example.target(world) : undefined;
    });
    const started = Date.now();
    verdicts.push(
      ...(await pool(
        attacks.map((attack, index) => [attack, fresh[index]] as [Attack, Target | undefined]),
        CONCURRENCY,
        ([attack, target]) => runAttack(api, attack, target ?? (walkTargets.get(attack.operation.id) as Target)),
      )),
    );
    const walkSeconds = (Date.now() - started) / 1000;
    const prepareSeconds = (started - preparing) / 1000;

    // Every shared target is still usable: no attack was carried out on it, and none met a used-up target.
    const usedUp: string[] = [];
    for (const operation of walked.filter(
      (entry) => EXAMPLES[entry.id].target && !EXAMPLES[entry.id].expiresDuringWalk,
    )) {
      const reply = await api(
        exampleRequest(operation, EXAMPLES[operation.id], world, walkTargets.get(operation.id) as Target),
      );
      if (!succeeded(reply.status, EXAMPLES[operation.id].status)) {
        usedUp.push(`${operation.id} → ${reply.status} after the walk: an attack was carried out on the shared target`);
      }
    }

    const fields = new Set(verdicts.map(({ attack }) => `${attack.operation.id} ${attack.location}:${attack.field}`));
    const byLocation = (location: string) =>
      new Set([...fields].filter((field) => field.includes(` ${location}:`))).size;
    const failed = verdicts.filter((verdict) => verdict.failures.length > 0);
    console.log(
      [
        `privacy walk: ${walked.length} operations walked (of ${operations.length}), ${fields.size} fields walked ` +
          `(body ${byLocation('body')}, query ${byLocation('query')}, path ${byLocation('path')}, header ${byLocation('header')}, content-type ${byLocation('content-type')}), ` +
          `${verdicts.length} requests in ${walkSeconds.toFixed(1)} s (after ${prepareSeconds.toFixed(1)} s making ${fresh.filter(Boolean).length} fresh targets), ${SPELLINGS.length} spellings`,
        `slowest operations: ${slowest(verdicts)}`,
        `requests per class: ${JSON.stringify(countsByClass(verdicts))}`,
        `requests per location and shape: ${JSON.stringify(countBy(verdicts, ({ attack }) => `${attack.location}/${attack.shape}`))}`,
        `failed requests: ${failed.length} (status ${failed.filter((v) => v.failures.some((f) => f.startsWith('status'))).length}, echoed ${failed.filter((v) => v.echoed).length})`,
        `failed requests per class: ${JSON.stringify(countsByClass(failed))}`,
        ...groupFailures(verdicts).map((line) => `  ${line}`),
      ].join('\n'),
    );

    expect(operations.length).toBeGreaterThan(40);
    expect(verdicts.length).toBeGreaterThan(4000);
    expect({ missing, invalidExamples, usedUp, leaks: groupFailures(verdicts) }).toEqual({
      missing: [],
      invalidExamples: [],
      usedUp: [],
      leaks: [],
    });
  }, 400_000);

  it('leaves none of the identifiers in the database, the log or a webhook delivery', async () => {
    expect(verdicts.length).toBeGreaterThan(0);
    // The worker turns outbox rows into deliveries and notifications: give it time to send what it was handed.
    await sleep(3000);
    const dump = await dumpDatabase(process.env.SAMVERKAN_TEST_DATABASE_URL as string);
    const output = child.output();
    const delivered = receiver.received.map(
      (message) => `${message.path}\n${JSON.stringify(message.headers)}\n${message.body}`,
    );
    const findings = {
      database: groupFindings(searchDump(dump, SPELLINGS)),
      log: groupFindings(searchLog(output, SPELLINGS)),
      webhooks: groupFindings(searchTexts('webhook deliveries', delivered, SPELLINGS)),
    };
    console.log(
      [
        `privacy walk, afterwards: dump ${(dump.length / 1e6).toFixed(1)} MB, log ${output.split('\n').length} lines, ${receiver.received.length} webhook deliveries searched`,
        ...Object.entries(findings).flatMap(([where, lines]) => lines.map((line) => `  ${where}: ${line}`)),
      ].join('\n'),
    );
    expect(output).toContain('"statusCode":422');
    expect(findings).toEqual({ database: [], log: [], webhooks: [] });
  }, 120_000);
});
