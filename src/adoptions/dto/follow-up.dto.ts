import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { IsCode } from '../../common/validation/codes';
import { FreeText } from '../../privacy/free-text.decorator';
import type { AdoptionFollowUp } from '../entities/adoption-follow-up.entity';

export class CreateFollowUpDto {
  @ApiProperty({ format: 'date-time', description: 'When the follow-up was done (ISO 8601; a date alone is Swedish local midnight); not in the future' })
  @IsISO8601({ strict: true })
  performedAt!: string;

  @ApiProperty({ example: 'reviewed_unchanged', description: 'Outcome code, e.g. reviewed_unchanged, revised, partner_changed' })
  @IsCode()
  outcomeCode!: string;

  @FreeText({ maxLength: 2000, optional: true, description: 'What the follow-up found' })
  note?: string;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) adoptionId!: string;
  @ApiProperty() performedAt!: Date;
  @ApiProperty() outcomeCode!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() createdAt!: Date;

  static from(followUp: AdoptionFollowUp): FollowUpDto {
    const { id, adoptionId, performedAt, outcomeCode, note, recordedBy, createdAt } = followUp;
    return { id, adoptionId, performedAt, outcomeCode, note, recordedBy, createdAt };
  }
}

export class FollowUpPageDto {
  @ApiProperty({ type: [FollowUpDto] }) items!: FollowUpDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
