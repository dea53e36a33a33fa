import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { chainHash, contentHash } from '../../src/audit/audit-chain';
import { AuditCheckpointScheduler } from '../../src/audit/audit-checkpoint.scheduler';
import {
  CheckpointRefused,
  readCheckpointFiles,
  verifyCheckpoints,
  writeCheckpoint,
} from '../../src/audit/audit-checkpoints';
import { readAuditEvents } from '../../src/audit/audit-event.repository';
import { AuditService, SYSTEM_ACTOR } from '../../src/audit/audit.service';
import { EXIT_REFUSED, EXIT_WRITTEN, writeAuditCheckpoint } from '../../src/cli/audit-checkpoint';
import { EXIT_INVALID, EXIT_VALID, verifyAuditTrail } from '../../src/cli/audit-verify';
import type { AppConfig } from '../../src/config/app-config';
import { readCheckpointKey } from '../../src/audit/audit-checkpoint';
import { eventually } from '../support/eventually';
import { createOwnDatabase, OwnDatabase } from '../support/own-database';

interface Printed {
  valid: boolean;
  checkpoints?: {
    valid: boolean;
    checked: number;
    latestSequence: number | null;
    failures: { file: string; sequence: number | null; reason: string }[];
  };
  [key: string]: unknown;
}

/**
 * Signed checkpoints anchor the chain outside the database. The forger here is the table's owner (a superuser on
 * the test server): triggers off, an event rewritten, every later hash and the head recomputed. The chain alone
 * then verifies as valid; the checkpoints written before expose it.
 */
describe('audit checkpoints', () => {
  let database: OwnDatabase;
  let audit: AuditService;
  let keys: string;
  let dir: string;
  let env: Record<string, string>;

  const append = async (n: number) => {
    for (let i = 0; i < n; i += 1) {
      await audit.record(SYSTEM_ACTOR, {
        action: 'audit_test.appended',
        entity: { type: 'audit_test', id: String(i) },
        data: { note: `n${i}` },
      });
    }
  };
  const checkpoint = async (environment = env) => {
    const lines: string[] = [];
    const code = await writeAuditCheckpoint(environment, (line) => lines.push(line));
    return {
      code,
      output: JSON.parse(lines.join('\n')) as { file: string; checkpoint: { sequence: number; headHash: string } } & {
        refused?: string;
      },
    };
  };
  const verify = async (args: string[], environment = env) => {
    const lines: string[] = [];
    const code = await verifyAuditTrail(environment, (line) => lines.push(line), args);
    return { code, output: JSON.parse(lines.join('\n')) as Printed };
  };
  const keyPair = async (name: string) => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await writeFile(join(keys, `${name}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(keys, `${name}.pub.pem`), publicKey.export({ type: 'spki', format: 'pem' }));
    return { privateFile: join(keys, `${name}.pem`), publicFile: join(keys, `${name}.pub.pem`) };
  };

  /** What someone who owns the table and knows the rules does: rewrite one event and re-chain everything after it. */
  async function forge(manager: EntityManager, sequence: number): Promise<void> {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    const links = await readAuditEvents(
      manager,
      { visibility: { everything: true }, filter: {}, afterSequence: sequence - 1 },
      1000,
    );
    let prev: Buffer = Buffer.from(links[0].prevHash, 'hex');
    for (const link of links) {
      const content = link.sequence === sequence ? { ...link.content, data: { note: 'forged' } } : link.content;
      const hashOfContent = contentHash(content);
      const hash = chainHash(prev, hashOfContent);
      await manager.query(
        `UPDATE audit_event SET data = $1::jsonb, content_hash = $2, prev_hash = $3, hash = $4 WHERE sequence = $5`,
        [JSON.stringify(content.data), hashOfContent, prev, hash, link.sequence],
      );
      prev = hash;
    }
    await manager.query(
      `UPDATE audit_chain_head SET hash = $1, prev_hash = (SELECT prev_hash FROM audit_event ORDER BY sequence DESC LIMIT 1)`,
      [prev],
    );
  }

  beforeAll(async () => {
    database = await createOwnDatabase('audit_cp');
    audit = new AuditService(database.dataSource);
    keys = await mkdtemp(join(tmpdir(), 'samverkan-keys-'));
    dir = join(keys, 'checkpoints');
    const { privateFile, publicFile } = await keyPair('signing');
    env = {
      ...database.environment,
      AUDIT_CHECKPOINT_DIR: dir,
      AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: privateFile,
      AUDIT_CHECKPOINT_PUBLIC_KEY_FILE: publicFile,
    };
    await append(5);
  });
  afterAll(async () => {
    await database.drop();
    await rm(keys, { recursive: true, force: true });
  });

  it('writes a signed checkpoint of the head: sequence, head hash, time, key and signature', async () => {
    const { code, output } = await checkpoint();
    expect(code).toBe(EXIT_WRITTEN);
    const [head] = await database.dataSource.query<{ sequence: number; hash: string }[]>(
      `SELECT sequence::int AS sequence, encode(hash, 'hex') AS hash FROM audit_chain_head`,
    );
    expect(output.checkpoint).toEqual({
      type: 'samverkan.audit-checkpoint.v1',
      sequence: 5,
      headHash: head.hash,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      keyId: expect.stringMatching(/^[0-9a-f]{64}$/),
      signature: expect.any(String),
    });
    expect(JSON.parse(await readFile(output.file, 'utf8'))).toEqual(output.checkpoint);
  });

  it('lets the worker write one on its schedule, only once the head has moved', async () => {
    const config = {
      auditCheckpoints: { dir, privateKeyFile: env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE, intervalSeconds: 60 },
    } as AppConfig;
    const unmoved = await writeCheckpoint(
      database.dataSource,
      dir,
      readCheckpointKey('private', env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE, 'key'),
      { onlyIfMoved: true },
    );
    expect(unmoved).toBeNull();
    await append(3);
    const scheduler = new AuditCheckpointScheduler(config, database.dataSource);
    scheduler.onApplicationBootstrap();
    try {
      await eventually(
        async () => (await readdir(dir)).some((name) => name.startsWith('audit-checkpoint-000000000008-')),
        10_000,
        'the scheduled checkpoint',
      );
    } finally {
      await scheduler.beforeApplicationShutdown();
    }
  });

  it("stops the worker's start when the key cannot be read, naming the variable", () => {
    const config = {
      auditCheckpoints: { dir, privateKeyFile: join(keys, 'missing.pem'), intervalSeconds: 60 },
    } as AppConfig;
    expect(() => new AuditCheckpointScheduler(config, database.dataSource).onApplicationBootstrap()).toThrow(
      /^AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: cannot read/,
    );
  });

  it('verifies the chain against every checkpoint, and a redaction breaks none of them', async () => {
    await database.dataSource.transaction((manager) =>
      audit.redact(manager, SYSTEM_ACTOR, {
        sequence: 2,
        field: 'data',
        path: ['note'],
        target: 'value',
        record: { reasonCode: 'retention' },
      }),
    );
    const { code, output } = await verify(['--checkpoints', dir]);
    expect(code).toBe(EXIT_VALID);
    expect(output).toMatchObject({
      valid: true,
      redactedSequences: [2],
      checkpoints: { valid: true, checked: 2, latestSequence: 8, failures: [] },
    });
  });

  it('fails a checkpoint whose file was edited, or that another key signed', async () => {
    const other = join(keys, 'edited');
    await mkdir(other);
    const [first] = await readCheckpointFiles(dir);
    const edited = { ...(first.value as Record<string, unknown>), sequence: 4 };
    await writeFile(join(other, first.file), JSON.stringify(edited));
    const stranger = await keyPair('stranger');
    await writeAuditCheckpoint(
      { ...env, AUDIT_CHECKPOINT_DIR: other, AUDIT_CHECKPOINT_PRIVATE_KEY_FILE: stranger.privateFile },
      () => undefined,
    );
    const { code, output } = await verify([`--checkpoints=${other}`]);
    expect(code).toBe(EXIT_INVALID);
    expect(output.valid).toBe(true);
    expect(output.checkpoints?.failures.map((f) => f.reason).sort()).toEqual([
      'bad signature',
      'signed with another key',
    ]);
  });

  it('fails when the owner cut the chain back behind a checkpoint (rolled back)', async () => {
    const publicKey = readCheckpointKey('public', env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE, 'key');
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(`DELETE FROM audit_event WHERE sequence > 6`);
      await runner.query(
        `UPDATE audit_chain_head SET sequence = 6, hash = (SELECT hash FROM audit_event WHERE sequence = 6), prev_hash = (SELECT prev_hash FROM audit_event WHERE sequence = 6)`,
      );
      const result = await verifyCheckpoints(runner.manager, await readCheckpointFiles(dir), publicKey);
      expect(result).toMatchObject({
        valid: false,
        failures: [{ sequence: 8, reason: "the chain's head (6) is behind this checkpoint" }],
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('catches a rewrite whose hashes and head were recomputed, which the chain alone calls valid', async () => {
    await database.dataSource.transaction((manager) => forge(manager, 3));
    const alone = await verify([]);
    expect(alone.code).toBe(EXIT_VALID);
    expect(alone.output).toMatchObject({ valid: true, firstInvalidSequence: null });

    const anchored = await verify(['--checkpoints', dir]);
    expect(anchored.code).toBe(EXIT_INVALID);
    expect(anchored.output.valid).toBe(true);
    expect(anchored.output.checkpoints).toMatchObject({
      valid: false,
      checked: 2,
      failures: [
        { sequence: 5, reason: 'the chain has another hash at this sequence' },
        { sequence: 8, reason: 'the chain has another hash at this sequence' },
      ],
    });
  });

  it('refuses to sign the rewritten chain', async () => {
    const before = (await readdir(dir)).length;
    const { code, output } = await checkpoint();
    expect(code).toBe(EXIT_REFUSED);
    expect(output.refused).toMatch(/no longer extends the checkpoint at sequence 8/);
    expect((await readdir(dir)).length).toBe(before);
    await expect(
      writeCheckpoint(
        database.dataSource,
        dir,
        readCheckpointKey('private', env.AUDIT_CHECKPOINT_PRIVATE_KEY_FILE, 'key'),
      ),
    ).rejects.toThrow(CheckpointRefused);
  });

  it('cannot verify (exit 2) without checkpoints or a key to check them with', async () => {
    const empty = join(keys, 'empty');
    await mkdir(empty);
    await expect(verify(['--checkpoints', empty])).rejects.toThrow(`No audit checkpoints in ${empty}`);
    const keyless = Object.fromEntries(Object.entries(env).filter(([name]) => !name.endsWith('_KEY_FILE')));
    await expect(verify(['--checkpoints', dir], keyless)).rejects.toThrow('--public-key');
    await expect(
      verify(['--checkpoints', dir, '--public-key', env.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE], keyless),
    ).resolves.toMatchObject({ code: EXIT_INVALID });
  });
});
