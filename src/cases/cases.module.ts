import { Module } from '@nestjs/common';
import { AssessmentMethodsModule } from '../assessment-methods/assessment-methods.module';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ReasonCodesModule } from '../reason-codes/reason-codes.module';
import { reminderSubjectCheck } from '../reminders/reminder-subjects';
import { RemindersModule } from '../reminders/reminders.module';
import { RoutinesRepository } from '../routines/routines.repository';
import { CaseChanges } from './case-changes';
import { CaseQueriesService } from './case-queries.service';
import { CaseStepSubjectCheck } from './case-step-subject.check';
import { CaseStepsService } from './case-steps.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [ReasonCodesModule, AssessmentMethodsModule, RemindersModule],
  controllers: [CasesController],
  providers: [
    CasesRepository,
    RoutinesRepository,
    OrganizationsRepository,
    CaseChanges,
    CasesService,
    CaseStepsService,
    CaseQueriesService,
    CaseStepSubjectCheck,
    reminderSubjectCheck(CaseStepSubjectCheck),
  ],
})
export class CasesModule {}
