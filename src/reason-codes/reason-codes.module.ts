import { Module } from '@nestjs/common';
import { ReasonCodesController } from './reason-codes.controller';
import { ReasonCodesRepository } from './reason-codes.repository';
import { ReasonCodesService } from './reason-codes.service';

@Module({
  controllers: [ReasonCodesController],
  providers: [ReasonCodesService, ReasonCodesRepository],
  exports: [ReasonCodesService],
})
export class ReasonCodesModule {}
