import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderSubject } from '../reminders/reminder-kind';
import type { DueReminder, ReminderSubjectCheck, SubjectDetails } from '../reminders/reminder-subject';
import { adoptionsRepository } from './adoptions.repository';

/**
 * A review reminder applies while its adoption is still adopted and still due for review: a follow-up or a
 * discontinuation cancels the reminder anyway, this catches what happened while the job was in flight.
 */
@Injectable()
export class AdoptionReviewSubjectCheck implements ReminderSubjectCheck {
  readonly subjectType = ReminderSubject.Adoption;

  async stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>> {
    const rows = await adoptionsRepository.dueForReview(manager, reminders);
    return new Map(
      rows.map((row) => [
        row.reminder_id,
        {
          caseId: null,
          caseNumber: null,
          stepKey: null,
          adoptionId: row.adoption_id,
          title: row.title,
          link: `/api/v1/adoptions/${row.adoption_id}`,
          dueAt: null,
          reviewDueOn: row.review_due_on,
        },
      ]),
    );
  }
}
