import { Logger } from '@nestjs/common';
import { Job, RATE_LIMIT_ERROR, Worker } from 'bullmq';
import { waitingOutDatabaseOutages } from './outage-processor';

describe('waitingOutDatabaseOutages', () => {
  const job = {} as Job;
  const setup = (outcome: () => Promise<unknown>) => {
    const rateLimit = jest.fn(() => Promise.resolve());
    const warnings: string[] = [];
    const logger = { warn: (line: string) => void warnings.push(line) } as unknown as Logger;
    const processor = waitingOutDatabaseOutages(
      'reminders',
      outcome,
      () => ({ rateLimit }) as unknown as Worker,
      logger,
    );
    return { processor, rateLimit, warnings };
  };
  const outage = () => Promise.reject(Object.assign(new Error('terminating connection'), { code: '57P01' }));

  it("puts a job that met a database outage back to waiting (BullMQ's rate limit), warning once", async () => {
    const { processor, rateLimit, warnings } = setup(outage);
    await expect(processor(job, 'token')).rejects.toThrow(RATE_LIMIT_ERROR);
    await expect(processor(job, 'token')).rejects.toThrow(RATE_LIMIT_ERROR);
    expect(rateLimit).toHaveBeenCalledWith(1000);
    expect(warnings).toEqual(['reminders jobs wait: the database is unavailable (57P01)']);
  });

  it('lets other failures fail the attempt, and results through', async () => {
    const failing = setup(() => Promise.reject(new Error('receiver said 500')));
    await expect(failing.processor(job, 'token')).rejects.toThrow('receiver said 500');
    expect(failing.rateLimit).not.toHaveBeenCalled();
    await expect(setup(() => Promise.resolve('sent')).processor(job, 'token')).resolves.toBe('sent');
  });
});
