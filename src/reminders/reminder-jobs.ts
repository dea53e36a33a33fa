import { Injectable } from '@nestjs/common';
import { PendingRowJobs } from '../queue/pending-row-jobs';
import { QueueName } from '../queue/queue-names';
import type { RowJob } from '../queue/row-jobs';
import { reminderJobId } from './reminder-queue';
import { RemindersRepository } from './reminders.repository';

/** Pending reminders due within the horizon become delayed jobs `reminder-<id>`; cancelled ones lose theirs. */
@Injectable()
export class ReminderJobs extends PendingRowJobs<QueueName.Reminders> {
  readonly queue = QueueName.Reminders;

  constructor(private readonly reminders: RemindersRepository) {
    super(reminders);
  }

  protected toJob(id: string, runAt: Date): RowJob<QueueName.Reminders> {
    return { id, jobId: reminderJobId(id), name: 'reminder.deliver', data: { reminderId: id }, runAt };
  }

  /** Cancelled reminders whose job may still wait on the queue, and the jobs to remove. */
  async cancelledQueued(limit: number): Promise<{ id: string; jobId: string }[]> {
    return (await this.reminders.cancelledQueued(limit)).map((id) => ({ id, jobId: reminderJobId(id) }));
  }

  markDequeued(ids: string[]): Promise<void> {
    return this.reminders.markDequeued(ids);
  }
}
