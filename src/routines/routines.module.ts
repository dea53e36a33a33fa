import { Module } from '@nestjs/common';
import { AssessmentMethodsModule } from '../assessment-methods/assessment-methods.module';
import { StrategyModule } from '../strategy/strategy.module';
import { RoutineQueriesService } from './routine-queries.service';
import { RoutinesController } from './routines.controller';
import { RoutinesService } from './routines.service';
import { SchemasController } from './schemas.controller';

@Module({
  imports: [StrategyModule, AssessmentMethodsModule],
  controllers: [RoutinesController, SchemasController],
  providers: [RoutinesService, RoutineQueriesService],
  exports: [RoutinesService, RoutineQueriesService],
})
export class RoutinesModule {}
