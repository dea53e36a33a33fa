import { Module } from '@nestjs/common';
import { StrategyModule } from '../strategy/strategy.module';
import { CollaborationAgreementsRepository } from './collaboration-agreements.repository';
import { CollaborationAgreementsService } from './collaboration-agreements.service';
import { FollowUpController } from './follow-up.controller';
import { FollowUpRepository } from './follow-up.repository';
import { FollowUpService } from './follow-up.service';
import { OverdueRepository } from './overdue.repository';
import { OverdueService } from './overdue.service';
import { StrategyFollowUpRepository } from './strategy-follow-up.repository';
import { StrategyFollowUpService } from './strategy-follow-up.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [StrategyModule],
  controllers: [ReportsController, FollowUpController],
  providers: [
    CollaborationAgreementsRepository,
    CollaborationAgreementsService,
    FollowUpRepository,
    FollowUpService,
    StrategyFollowUpRepository,
    StrategyFollowUpService,
    OverdueRepository,
    OverdueService,
  ],
})
export class ReportsModule {}
