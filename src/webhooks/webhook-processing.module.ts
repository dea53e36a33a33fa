import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxDispatcherService } from './outbox-dispatcher.service';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDelivererService } from './webhook-deliverer.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDispatch } from './webhook-dispatch.task';
import { WebhookSecretsModule } from './webhook-secrets.module';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';

/** The worker's part of webhooks: outbox dispatch, the delivery rows' jobs and their processor. */
@Module({
  imports: [OutboxModule, WebhookSecretsModule],
  providers: [
    OutboxDispatcherService,
    WebhookDelivererService,
    WebhookDeliveryJobs,
    WebhookDeliveryProcessor,
    WebhookDispatch,
    WebhookDeliveriesRepository,
    WebhookSubscriptionsRepository,
  ],
  exports: [WebhookDelivererService, WebhookDeliveryJobs, WebhookDeliveryProcessor, WebhookDispatch],
})
export class WebhookProcessingModule {}
