import { Module } from '@nestjs/common';
import { GoalsController } from './goals.controller';
import { StrategyPeriodsController } from './strategy-periods.controller';
import { StrategyPeriodsService } from './strategy-periods.service';
import { StrategyService } from './strategy.service';

@Module({
  controllers: [GoalsController, StrategyPeriodsController],
  providers: [StrategyService, StrategyPeriodsService],
  exports: [StrategyService, StrategyPeriodsService],
})
export class StrategyModule {}
