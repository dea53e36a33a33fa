import { ApiProperty } from '@nestjs/swagger';
import { IsCode } from '../../common/validation/codes';
import { FreeText } from '../../privacy/free-text.decorator';
import type { CalendarDay } from '../../common/time/swedish-time';
import type { AdoptionFollowUp } from '../entities/adoption-follow-up.entity';
import { IsCalendarDay } from './is-calendar-day.decorator';

export class CreateFollowUpDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-02',
    description: 'The day the follow-up was done (YYYY-MM-DD): not after today, not before the approval',
  })
  @IsCalendarDay()
  performedAt!: CalendarDay;

  @ApiProperty({
    example: 'reviewed_unchanged',
    description: 'Outcome code, e.g. reviewed_unchanged, revised, partner_changed',
  })
  @IsCode()
  outcomeCode!: string;

  @FreeText({ maxLength: 2000, optional: true, description: 'What the follow-up found' })
  note?: string;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) adoptionId!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-02' }) performedAt!: CalendarDay;
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
