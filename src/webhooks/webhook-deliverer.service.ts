import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';
import { DeliveryTarget, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { AttemptError, AttemptResult, postWebhook } from './webhook-http';
import { WebhookSecretBox } from './webhook-secret';
import { signWebhook } from './webhook-signature';
import { refuseTarget } from './webhook-target';

export type AttemptOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

export class WebhookAttemptFailed extends Error {
  constructor(
    readonly reason: AttemptError,
    readonly statusCode: number | null,
  ) {
    super(`webhook attempt failed: ${reason}${statusCode === null ? '' : ` ${statusCode}`}`);
  }
}

/** Makes one delivery attempt and records it on the delivery row. */
@Injectable()
export class WebhookDelivererService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly secrets: WebhookSecretBox,
    private readonly deliveries: WebhookDeliveriesRepository,
  ) {}

  /** `finalAttempt`: no retry follows a failure, so it fails the delivery for good. */
  async attempt(deliveryId: string, finalAttempt: boolean): Promise<AttemptOutcome> {
    const target = await this.deliveries.target(this.dataSource.manager, deliveryId);
    if (!target || target.status !== WebhookDeliveryStatus.Pending) {
      return 'skipped';
    }
    if (target.deleted_at) {
      await this.deliveries.cancelPending(this.dataSource.manager, deliveryId);
      return 'skipped';
    }
    const allowPrivate = this.config.webhookAllowPrivateNetworks;
    // The address rules hold at delivery time too: DNS may have changed since registration.
    const refusal = await refuseTarget(target.url, allowPrivate);
    const result: AttemptResult = refusal
      ? // A name that does not resolve now may resolve later (DNS outage): a network error, retried like one.
        { ok: false, statusCode: null, error: refusal === 'unresolvable' ? 'network_error' : 'forbidden_address' }
      : await postWebhook(
          target.url,
          target.body,
          signWebhook(target.message_id, new Date(), target.body, this.signingSecrets(target)),
          allowPrivate,
        );
    // A forbidden address is not retried: it would only be tried again against the same rule.
    const outcome: AttemptOutcome = result.ok
      ? 'succeeded'
      : finalAttempt || result.error === 'forbidden_address'
        ? 'failed'
        : 'retry';
    await this.record(target, result, outcome);
    if (outcome === 'retry') {
      throw new WebhookAttemptFailed(result.error ?? 'network_error', result.statusCode);
    }
    return outcome;
  }

  private signingSecrets(target: DeliveryTarget): string[] {
    const previousValid =
      target.previous_secret_ciphertext &&
      target.previous_secret_expires_at &&
      target.previous_secret_expires_at.getTime() > Date.now();
    return [
      this.secrets.open(target.secret_ciphertext),
      ...(previousValid ? [this.secrets.open(target.previous_secret_ciphertext as string)] : []),
    ];
  }

  private async record(target: DeliveryTarget, result: AttemptResult, outcome: AttemptOutcome): Promise<void> {
    const status = outcome === 'retry' ? WebhookDeliveryStatus.Pending : (outcome as WebhookDeliveryStatus);
    await this.dataSource.transaction(async (manager) => {
      await this.deliveries.recordAttempt(manager, target.id, {
        statusCode: result.statusCode,
        error: result.error,
        status,
      });
      if (outcome === 'failed') {
        await this.audit.append(manager, SYSTEM_ACTOR, {
          action: 'webhook.delivery_failed',
          entity: { type: 'webhook_delivery', id: target.id },
          organizationIds: [target.organization_id],
          data: {
            subscriptionId: target.subscription_id,
            messageId: target.message_id,
            lastError: result.error,
            lastStatusCode: result.statusCode,
          },
        });
      }
    });
  }
}
