import { Module } from '@nestjs/common';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { WebhookDeliverer } from './webhook-deliverer.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDispatch } from './webhook-dispatch.task';
import { WebhookSecretsModule } from './webhook-secrets.module';

/** The worker's part of webhooks: outbox dispatch, the delivery rows' jobs and their processor. */
@Module({
  imports: [WebhookSecretsModule],
  providers: [OutboxDispatcher, WebhookDeliverer, WebhookDeliveryJobs, WebhookDeliveryProcessor, WebhookDispatch],
  exports: [WebhookDeliverer, WebhookDeliveryJobs, WebhookDeliveryProcessor, WebhookDispatch],
})
export class WebhookProcessingModule {}
