import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EndingReminders, PlannedReminder } from './reminder-plan';
import { RemindersRepository } from './reminders.repository';

/**
 * Where every subject's reminders are written, in the caller's transaction (the change that causes them). Rows are
 * never rescheduled in place: the change's ending reminders are cancelled and the planned ones added, in one
 * statement. The subject's module decides what to plan (cases: a step's due soon, overdue and escalation;
 * adoptions: the review reminder).
 */
@Injectable()
export class ReminderPlanner {
  constructor(private readonly reminders: RemindersRepository) {}

  async replace(manager: EntityManager, ending: EndingReminders, planned: PlannedReminder[]): Promise<void> {
    const endsNone = 'stepKeys' in ending && ending.stepKeys.length === 0;
    if (endsNone && planned.length === 0) {
      return;
    }
    await this.reminders.replace(manager, ending, planned);
  }
}
