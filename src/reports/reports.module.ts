import { Module } from '@nestjs/common';
import { CollaborationAgreementsService } from './collaboration-agreements.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [CollaborationAgreementsService] })
export class ReportsModule {}
