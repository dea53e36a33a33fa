import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notVisible } from '../auth/not-visible.exception';
import type { RequestContext } from '../common/auth/request-context';
import { conflict, notFound, unprocessable } from '../common/http/domain.exception';
import { decodeCursor, Page, PageQueryDto, toPage } from '../common/pagination/pagination';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CreateWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookWithSecretDto } from './dto/webhook.dto';
import { WebhookDelivery, WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { WebhookSubscription } from './entities/webhook-subscription.entity';
import { generateWebhookSecret, WebhookSecretBox } from './webhook-secret';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { refuseTarget } from './webhook-target';

/** During a rotation deliveries carry the old secret's signature too, for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * An organisation's webhook subscriptions, managed by its coordinators. This service writes rows only: the
 * worker turns pending deliveries into queue jobs, so no request waits for the queue backend.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly secrets: WebhookSecretBox,
    private readonly subscriptions: WebhookSubscriptionsRepository,
  ) {}

  async create(ctx: RequestContext, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    const refusal = await refuseTarget(dto.url, this.config.webhookAllowPrivateNetworks);
    if (refusal) {
      throw unprocessable(
        'webhook.url_not_allowed',
        'Webhook URLs must be https and resolve to public addresses only.',
        [{ field: 'url', code: refusal }],
      );
    }
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const subscription = await manager.save(
        manager.create(WebhookSubscription, {
          organizationId: ctx.user.organizationId,
          url: dto.url,
          events: dto.events,
          secretCiphertext: this.secrets.seal(secret),
          previousSecretCiphertext: null,
          previousSecretExpiresAt: null,
          deletedAt: null,
        }),
      );
      await this.audit.append(manager, ctx, {
        action: 'webhook.created',
        entity: { type: 'webhook_subscription', id: subscription.id },
        data: { events: subscription.events },
      });
      return { ...WebhookDto.from(subscription), secret };
    });
  }

  async list(ctx: RequestContext, query: PageQueryDto): Promise<Page<WebhookDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookSubscription, 'w')
      .where('w.organization_id = :organizationId AND w.deleted_at IS NULL', {
        organizationId: ctx.user.organizationId,
      })
      .orderBy('w.id')
      .limit(query.limit + 1);
    const after = decodeCursor(query.cursor, ['uuid']);
    if (after) {
      qb.andWhere('w.id > :after', { after: String(after[0]) });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (row) => [row.id],
      (row) => WebhookDto.from(row),
    );
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookDto> {
    return WebhookDto.from(await this.findOwn(this.dataSource.manager, ctx, id));
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscription = await this.findOwn(manager, ctx, id, true);
      await manager.update(WebhookSubscription, { id }, { deletedAt: new Date() });
      await manager.update(
        WebhookDelivery,
        { subscriptionId: id, status: WebhookDeliveryStatus.Pending },
        { status: WebhookDeliveryStatus.Cancelled },
      );
      await this.audit.append(manager, ctx, {
        action: 'webhook.deleted',
        entity: { type: 'webhook_subscription', id: subscription.id },
      });
    });
  }

  /** A new secret, shown once; the old one keeps signing (alongside) for 24 hours. */
  async rotateSecret(ctx: RequestContext, id: string): Promise<WebhookWithSecretDto> {
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.findOwn(manager, ctx, id, true);
      const current = await this.subscriptions.secretCiphertext(manager, id);
      const previousSecretExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
      await manager.update(
        WebhookSubscription,
        { id },
        { secretCiphertext: this.secrets.seal(secret), previousSecretCiphertext: current, previousSecretExpiresAt },
      );
      await this.audit.append(manager, ctx, {
        action: 'webhook.secret_rotated',
        entity: { type: 'webhook_subscription', id },
        data: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
      });
      return { ...WebhookDto.from({ ...subscription, previousSecretExpiresAt, updatedAt: new Date() }), secret };
    });
  }

  async deliveries(ctx: RequestContext, id: string, query: PageQueryDto): Promise<Page<WebhookDeliveryDto>> {
    await this.findOwn(this.dataSource.manager, ctx, id);
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .where('d.subscription_id = :id', { id })
      .orderBy('d.seq', 'DESC')
      .limit(query.limit + 1);
    const after = decodeCursor(query.cursor, ['bigint']);
    if (after) {
      qb.andWhere('d.seq < :seq', { seq: String(after[0]) });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (row) => [row.seq],
      (row) => WebhookDeliveryDto.from(row),
    );
  }

  /** Sends a finished delivery again as a new delivery with the same message id (receivers stay idempotent). */
  async redeliver(ctx: RequestContext, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.findOwn(manager, ctx, id);
      const original = await manager.findOne(WebhookDelivery, { where: { id: deliveryId, subscriptionId: id } });
      if (!original) {
        throw notFound('webhook_delivery');
      }
      if (original.status === WebhookDeliveryStatus.Pending) {
        throw conflict('webhook_delivery.in_progress', 'The delivery is still being attempted.');
      }
      const redelivery = await manager.save(
        manager.create(WebhookDelivery, {
          subscriptionId: id,
          outboxEventId: original.outboxEventId,
          redeliveryOf: original.id,
          messageId: original.messageId,
          eventType: original.eventType,
          sequence: original.sequence,
          body: original.body,
        }),
      );
      await this.audit.append(manager, ctx, {
        action: 'webhook.redelivery_requested',
        entity: { type: 'webhook_delivery', id: redelivery.id },
        data: { subscriptionId: id, redeliveryOf: original.id, messageId: original.messageId },
      });
      return WebhookDeliveryDto.from(await manager.findOneOrFail(WebhookDelivery, { where: { id: redelivery.id } }));
    });
  }

  /** The caller organisation's live subscription, or 404 (never revealing another organisation's). */
  private async findOwn(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    lock = false,
  ): Promise<WebhookSubscription> {
    const subscription = await manager.findOne(WebhookSubscription, {
      where: { id, organizationId: ctx.user.organizationId, deletedAt: IsNull() },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (subscription) {
      return subscription;
    }
    // Another organisation's live subscription is a denied access (logged and counted); the answer is the same 404.
    throw (await manager.existsBy(WebhookSubscription, { id, deletedAt: IsNull() }))
      ? notVisible('webhook')
      : notFound('webhook');
  }
}
