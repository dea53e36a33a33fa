import { Module } from '@nestjs/common';
import { StrategyModule } from '../strategy/strategy.module';
import { RoutineQueriesService } from './routine-queries.service';
import { RoutinesController } from './routines.controller';
import { RoutinesService } from './routines.service';
import { SchemasController } from './schemas.controller';

@Module({
  imports: [StrategyModule],
  controllers: [RoutinesController, SchemasController],
  providers: [RoutinesService, RoutineQueriesService],
  exports: [RoutinesService, RoutineQueriesService],
})
export class RoutinesModule {}
