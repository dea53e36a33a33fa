import { Module } from '@nestjs/common';
import { GoalsController } from './goals.controller';
import { StrategyService } from './strategy.service';

@Module({ controllers: [GoalsController], providers: [StrategyService], exports: [StrategyService] })
export class StrategyModule {}
