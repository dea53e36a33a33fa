import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { Queue } from 'bullmq';
import type { ProcessWorkers } from '../queue/process-workers';

/** Bull Board's BullMQ adapter, answering "which workers consume this queue" with this process's own workers. */
export class ProcessWorkersAdapter extends BullMQAdapter {
  constructor(
    queue: Queue,
    private readonly workers: ProcessWorkers,
  ) {
    super(queue, { readOnlyMode: false });
  }

  override getWorkers(): ReturnType<BullMQAdapter['getWorkers']> {
    const name = this.getQueueName();
    return Promise.resolve(
      this.workers.of(name).map(({ worker, ageSeconds }) => ({
        id: worker.id,
        name: null,
        addr: `process ${process.pid}`,
        age: ageSeconds,
      })),
    );
  }
}
