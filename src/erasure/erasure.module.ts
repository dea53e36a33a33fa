import { Module } from '@nestjs/common';
import { ErasureController } from './erasure.controller';
import { ErasureService } from './erasure.service';

@Module({ controllers: [ErasureController], providers: [ErasureService] })
export class ErasureModule {}
