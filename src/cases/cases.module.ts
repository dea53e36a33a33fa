import { Module } from '@nestjs/common';
import { AssessmentMethodsModule } from '../assessment-methods/assessment-methods.module';
import { ReasonCodesModule } from '../reason-codes/reason-codes.module';
import { CaseChanges } from './case-changes';
import { CaseQueriesService } from './case-queries.service';
import { CaseStepsService } from './case-steps.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

@Module({
  imports: [ReasonCodesModule, AssessmentMethodsModule],
  controllers: [CasesController],
  providers: [CasesRepository, CaseChanges, CasesService, CaseStepsService, CaseQueriesService],
})
export class CasesModule {}
