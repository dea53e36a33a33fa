import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { freePort } from './free-port';

/** The project: two levels above test/support, three above a benchmark's compiled copy in dist/test/support. */
export const ROOT =
  basename(join(__dirname, '..', '..')) === 'dist' ? join(__dirname, '..', '..', '..') : join(__dirname, '..', '..');
export const COMPILED_MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface ChildApp {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Variables of the outer environment that must not leak into a child started for a specific mode. */
const MODE_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'REFERENCE_HMAC_KEY',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'DATA_DIR',
  'PORT',
  'HOST',
  'APP_ROLE',
];

/** Starts the compiled service (`node dist/src/main.js`) as a user would, and captures everything it prints. */
export async function startChildApp(env: Record<string, string>, timeoutMs = 60000): Promise<ChildApp> {
  if (!existsSync(COMPILED_MAIN)) {
    throw new Error(`${COMPILED_MAIN} is missing: run "npm run build" first (npm test does)`);
  }
  // A caller that must name the URL before the service starts (an OIDC redirect URI) chooses the port.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !MODE_VARIABLES.includes(key)));
  const child = spawn(process.execPath, [COMPILED_MAIN], {
    cwd: ROOT,
    env: { ...baseEnv, NODE_ENV: 'development', LOG_LEVEL: 'info', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await waitFor(
    child,
    () => output.includes('Listening on'),
    timeoutMs,
    () => output,
  );
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stop(child) };
}

function waitFor(child: ChildProcess, ready: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`the service did not start (exit ${child.exitCode}):\n${output()}`));
      }
    }, 100);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
    // 'close', not 'exit': the output is complete only once the child's stdout and stderr have closed too.
    child.once('close', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
