import { MicroBatcher } from './micro-batcher';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MicroBatcher', () => {
  it('gathers items submitted together into one run and answers each in order', async () => {
    const runs: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      (items) => {
        runs.push(items);
        return Promise.resolve(items.map((item) => item * 10));
      },
      { maxSize: 10, maxWaitMs: 5, maxConcurrent: 1 },
    );
    await expect(Promise.all([1, 2, 3].map((item) => batcher.submit(item)))).resolves.toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('splits at maxSize and keeps at most maxConcurrent runs going', async () => {
    let running = 0;
    let mostRunning = 0;
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        sizes.push(items.length);
        await sleep(10);
        running -= 1;
        return items;
      },
      { maxSize: 4, maxWaitMs: 50, maxConcurrent: 2 },
    );
    const results = await Promise.all(Array.from({ length: 13 }, (_, index) => batcher.submit(index)));
    expect(results).toEqual(Array.from({ length: 13 }, (_, index) => index));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(13);
    expect(mostRunning).toBe(2);
    await batcher.drained();
  });

  it('reruns a failed batch item by item so only the bad item fails', async () => {
    const batcher = new MicroBatcher<number, string>(
      (items) => (items.includes(2) ? Promise.reject(new Error('bad item')) : Promise.resolve(items.map(String))),
      { maxSize: 10, maxWaitMs: 5, maxConcurrent: 1 },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('reports drained only after running batches finish', async () => {
    let finished = false;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        await sleep(20);
        finished = true;
        return items;
      },
      { maxSize: 10, maxWaitMs: 1, maxConcurrent: 1 },
    );
    void batcher.submit(1);
    await sleep(5);
    await batcher.drained();
    expect(finished).toBe(true);
  });
});
