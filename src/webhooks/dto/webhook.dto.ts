import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsUrl } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';
import type { WebhookDelivery } from '../entities/webhook-delivery.entity';
import type { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '../webhook-events';
import { MAX_WEBHOOK_URL_LENGTH, NoPersonalDataInUrl } from './no-personal-data-in-url.decorator';

export class CreateWebhookDto {
  @ApiProperty({
    description: 'https endpoint on a public address',
    example: 'https://hooks.example.se/samverkan',
    maxLength: MAX_WEBHOOK_URL_LENGTH,
  })
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @NoPersonalDataInUrl()
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['notification.created', 'case.step.completed'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: WebhookEventType[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: string[];
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'Until when deliveries also carry the signature of the secret before the last rotation',
  })
  previousSecretExpiresAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;

  static from(subscription: WebhookSubscription): WebhookDto {
    const { id, url, events, previousSecretExpiresAt, createdAt, updatedAt } = subscription;
    return { id, url, events, previousSecretExpiresAt, createdAt, updatedAt };
  }
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description: 'The signing secret (Standard Webhooks, whsec_…). Shown only in this response: store it now.',
  })
  secret!: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] }) items!: WebhookDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class WebhookDeliveryQueryDto extends PageQueryDto {}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The webhook-id header: the same on every retry and redelivery of one message' })
  messageId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "The message's sequence number in its subscription (the body's `sequence`); a redelivery repeats it",
  })
  sequence!: number | null;
  @ApiProperty({ enum: WebhookDeliveryStatus }) status!: WebhookDeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['timeout', 'network_error', 'forbidden_address', 'http_status'] })
  lastError!: string | null;
  @ApiProperty({ nullable: true, type: Date }) lastAttemptAt!: Date | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The delivery this one repeats' })
  redeliveryOf!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) completedAt!: Date | null;

  static from(delivery: WebhookDelivery): WebhookDeliveryDto {
    const {
      id,
      messageId,
      eventType,
      sequence,
      status,
      attempts,
      lastStatusCode,
      lastError,
      lastAttemptAt,
      redeliveryOf,
      createdAt,
      completedAt,
    } = delivery;
    return {
      id,
      messageId,
      eventType,
      sequence: sequence === null ? null : Number(sequence),
      status,
      attempts,
      lastStatusCode,
      lastError,
      lastAttemptAt,
      redeliveryOf,
      createdAt,
      completedAt,
    };
  }
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items!: WebhookDeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
