import { FactoryProvider, Injectable, Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderSubject } from './reminder-kind';
import type { DueReminder, ReminderSubjectCheck, SubjectDetails } from './reminder-subject';

/** The subject checks the subjects' modules registered: one per subject type. */
@Injectable()
export class ReminderSubjects {
  private readonly checks = new Map<ReminderSubject, ReminderSubjectCheck>();

  register(check: ReminderSubjectCheck): void {
    if (this.checks.has(check.subjectType)) {
      throw new Error(`A reminder subject check for ${check.subjectType} is registered already`);
    }
    this.checks.set(check.subjectType, check);
  }

  /** The due reminders whose subjects still need them, with what their notifications show; the rest are obsolete. */
  async stillApplicable(manager: EntityManager, reminders: DueReminder[]): Promise<Map<string, SubjectDetails>> {
    const applicable = new Map<string, SubjectDetails>();
    for (const check of this.checks.values()) {
      const ofType = reminders.filter((reminder) => reminder.subjectType === check.subjectType);
      if (ofType.length === 0) {
        continue;
      }
      for (const [id, details] of await check.stillApplicable(manager, ofType)) {
        applicable.set(id, details);
      }
    }
    return applicable;
  }
}

/** A provider for the subject's module: registers its check (a provider of that module) with the reminders module. */
export function reminderSubjectCheck(check: Type<ReminderSubjectCheck>): FactoryProvider {
  return {
    provide: Symbol(`reminder subject check ${check.name}`),
    useFactory: (subjects: ReminderSubjects, instance: ReminderSubjectCheck) => subjects.register(instance),
    inject: [ReminderSubjects, check],
  };
}
