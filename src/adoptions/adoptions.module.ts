import { Module } from '@nestjs/common';
import { ReasonCodesModule } from '../reason-codes/reason-codes.module';
import { reminderSubjectCheck } from '../reminders/reminder-subjects';
import { RemindersModule } from '../reminders/reminders.module';
import { RoutinesRepository } from '../routines/routines.repository';
import { AdoptionReviewSubjectCheck } from './adoption-review.check';
import { AdoptionQueriesService } from './adoption-queries.service';
import { AdoptionsController } from './adoptions.controller';
import { AdoptionsService } from './adoptions.service';

@Module({
  imports: [ReasonCodesModule, RemindersModule],
  controllers: [AdoptionsController],
  providers: [
    AdoptionsService,
    AdoptionQueriesService,
    RoutinesRepository,
    AdoptionReviewSubjectCheck,
    reminderSubjectCheck(AdoptionReviewSubjectCheck),
  ],
})
export class AdoptionsModule {}
