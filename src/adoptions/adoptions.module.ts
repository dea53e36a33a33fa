import { Module } from '@nestjs/common';
import { AdoptionQueriesService } from './adoption-queries.service';
import { AdoptionsController } from './adoptions.controller';
import { AdoptionsService } from './adoptions.service';

@Module({ controllers: [AdoptionsController], providers: [AdoptionsService, AdoptionQueriesService] })
export class AdoptionsModule {}
