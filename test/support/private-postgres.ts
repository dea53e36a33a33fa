import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, a free port, trust authentication),
 * for failure tests that stop and start it without touching the shared 5432. PostgreSQL refuses to run as root:
 * as root, its commands run as the `postgres` OS user, who owns the directory.
 */
export interface PrivatePostgres {
  /** postgresql://postgres@127.0.0.1:PORT/samverkan */
  url: string;
  /** `pg_ctl stop`: `fast` ends sessions with 57P01, `immediate` kills the server (crash recovery on the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(`no PostgreSQL server binaries under ${root}/*/bin (install postgresql)`);
  }
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const asRoot = userInfo().uid === 0;
  const pg = async (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    await run(file, argv, { timeout: 60_000 });
  };
  const base = mkdtempSync(join(tmpdir(), 'samverkan-pg-'));
  const dataDir = join(base, 'data');
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    chownSync(base, uid, gid);
  }
  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const start = () => pg('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(base, 'server.log'), '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate') => pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  await start();
  await pg('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'samverkan']);
  let running = true;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/samverkan`,
    start: async () => {
      await start();
      running = true;
    },
    stop: async (mode) => {
      await stop(mode);
      running = false;
    },
    close: async () => {
      if (running) {
        await stop('immediate').catch(() => undefined);
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
