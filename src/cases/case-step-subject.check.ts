import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderSubject } from '../reminders/reminder-kind';
import type { DueReminder, ReminderSubjectCheck, SubjectDetails } from '../reminders/reminder-subject';
import { caseStepRemindersRepository } from './case-step-reminders.repository';

/**
 * A case step's reminder applies while the step is active and its case open. A due-soon reminder also
 * lapses once the step is past due (its overdue reminder says more).
 */
@Injectable()
export class CaseStepSubjectCheck implements ReminderSubjectCheck {
  readonly subjectType = ReminderSubject.CaseStep;

  async stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>> {
    const rows = await caseStepRemindersRepository.stillActive(manager, reminders);
    return new Map(
      rows.map((row) => [
        row.reminder_id,
        {
          caseId: row.case_id,
          caseNumber: row.case_number,
          stepKey: row.step_key,
          adoptionId: null,
          title: row.title,
          link: `/api/v1/cases/${row.case_id}`,
          dueAt: row.due_at,
          reviewDueOn: null,
        },
      ]),
    );
  }
}
