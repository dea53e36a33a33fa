import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import type { CalendarDay } from '../../common/time/swedish-time';
import { ReminderKind, ReminderSubject } from '../../reminders/reminder-kind';
import type { Notification } from '../entities/notification.entity';
import { queryBoolean } from '../../common/validation/codes';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only notifications not yet marked read' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ReminderKind }) kind!: ReminderKind;
  @ApiProperty({ enum: ReminderSubject }) subjectType!: ReminderSubject;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SAM-2026-000123' }) caseNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) stepKey!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) adoptionId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The step's or routine's title" }) title!: string | null;
  @ApiProperty({
    description:
      "When the reminder fell due: for due_soon, remindBefore ahead of the step's due time; for escalation, escalateAfter past it",
  })
  remindAt!: Date;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: "The case step's due time, the deadline the reminder is about (null for review_due)",
  })
  dueAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    example: '2028-03-02',
    description: "The day the adoption's follow-up is due (review_due only)",
  })
  reviewDueOn!: CalendarDay | null;
  @ApiProperty({ example: '/api/v1/cases/5f0c…', description: 'API path of the case or adoption' }) link!: string;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty() createdAt!: Date;

  static from(row: Notification): NotificationDto {
    const {
      id,
      kind,
      subjectType,
      caseId,
      caseNumber,
      stepKey,
      adoptionId,
      title,
      remindAt,
      dueAt,
      reviewDueOn,
      link,
      readAt,
      createdAt,
    } = row;
    return {
      id,
      kind,
      subjectType,
      caseId,
      caseNumber,
      stepKey,
      adoptionId,
      title,
      remindAt,
      dueAt,
      reviewDueOn,
      link,
      readAt,
      createdAt,
    };
  }
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
