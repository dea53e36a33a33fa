import { Module } from '@nestjs/common';
import { ReminderPlanner } from './reminder-planner';
import { ReminderSubjects } from './reminder-subjects';
import { RemindersRepository } from './reminders.repository';

/** Reminders for every process: the planner the subjects' modules write with, and the registry of their checks. */
@Module({
  providers: [RemindersRepository, ReminderPlanner, ReminderSubjects],
  exports: [RemindersRepository, ReminderPlanner, ReminderSubjects],
})
export class RemindersModule {}
