import { Module } from '@nestjs/common';
import { StrategyModule } from '../strategy/strategy.module';
import { AssessmentMethodsController } from './assessment-methods.controller';
import { AssessmentMethodsService } from './assessment-methods.service';

@Module({
  imports: [StrategyModule],
  controllers: [AssessmentMethodsController],
  providers: [AssessmentMethodsService],
  exports: [AssessmentMethodsService],
})
export class AssessmentMethodsModule {}
