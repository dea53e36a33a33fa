import { Logger } from '@nestjs/common';
import { PollingLoop } from './polling-loop';

const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function loopWith(outcomes: (Error | null)[], intervalMs = 1000) {
  const lines: string[] = [];
  const logger = {
    log: (line: string) => void lines.push(`log ${line}`),
    warn: (line: string) => void lines.push(`warn ${line}`),
    error: (line: string) => void lines.push(`error ${line}`),
  } as unknown as Logger;
  const loop = new PollingLoop(
    'outbox dispatch',
    intervalMs,
    () => {
      const outcome = outcomes.shift();
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
    logger,
  );
  return { loop, lines };
}

describe('PollingLoop', () => {
  it('backs off while the database is down, warns once, and resumes at its interval', async () => {
    const { loop, lines } = loopWith([outage(), outage(), outage(), outage(), null, null]);
    const delays: number[] = [];
    for (let run = 0; run < 6; run += 1) {
      await loop.runOnce();
      delays.push(loop.nextDelayMs());
    }
    expect(delays).toEqual([2000, 2000, 2000, 2000, 1000, 1000]);
    expect(lines).toEqual([
      'warn outbox dispatch paused: the database is unavailable (ECONNREFUSED); retrying',
      'log outbox dispatch resumed after 4 failed runs',
    ]);
  });

  it('never waits less than its own interval when that is longer than the cap', async () => {
    const { loop } = loopWith([outage()], 60_000);
    await loop.runOnce();
    expect(loop.nextDelayMs()).toBe(60_000);
    const short = loopWith([outage()], 500).loop;
    await short.runOnce();
    expect(short.nextDelayMs()).toBe(1000);
  });

  it('logs other failures at most once a minute', async () => {
    const { loop, lines } = loopWith([new Error('bug'), new Error('bug')]);
    await loop.runOnce();
    await loop.runOnce();
    expect(lines).toEqual(['error outbox dispatch failed: bug']);
  });
});
