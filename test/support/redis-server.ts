import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';

/**
 * A redis-server of the test's own on a free port, without persistence: failure tests flush it, stop it and
 * start it again (empty, as a crashed Redis without persistence comes back) without touching the shared 6379.
 */
export interface PrivateRedis {
  url: string;
  /** A client that survives stop/start (it reconnects). */
  client(): Redis;
  /** Kills the server: its data is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const clients: Redis[] = [];

  const start = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      return;
    }
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    for (let attempt = 0; ; attempt += 1) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch (error) {
        if (attempt > 100) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const stop = async () => {
    const running = server;
    if (!running || running.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    client: () => {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      clients.push(client);
      return client;
    },
    start,
    stop,
    close: async () => {
      clients.splice(0).forEach((client) => client.disconnect());
      await stop();
    },
  };
}
