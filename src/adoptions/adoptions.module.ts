import { Module } from '@nestjs/common';
import { ReasonCodesModule } from '../reason-codes/reason-codes.module';
import { AdoptionQueriesService } from './adoption-queries.service';
import { AdoptionsController } from './adoptions.controller';
import { AdoptionsService } from './adoptions.service';

@Module({
  imports: [ReasonCodesModule],
  controllers: [AdoptionsController],
  providers: [AdoptionsService, AdoptionQueriesService],
})
export class AdoptionsModule {}
