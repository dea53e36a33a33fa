import { Module } from '@nestjs/common';
import { OutboxDispatcherService } from './outbox-dispatcher.service';
import { WebhookDelivererService } from './webhook-deliverer.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDispatch } from './webhook-dispatch.task';
import { WebhookSecretsModule } from './webhook-secrets.module';

/** The worker's part of webhooks: outbox dispatch, the delivery rows' jobs and their processor. */
@Module({
  imports: [WebhookSecretsModule],
  providers: [
    OutboxDispatcherService,
    WebhookDelivererService,
    WebhookDeliveryJobs,
    WebhookDeliveryProcessor,
    WebhookDispatch,
  ],
  exports: [WebhookDelivererService, WebhookDeliveryJobs, WebhookDeliveryProcessor, WebhookDispatch],
})
export class WebhookProcessingModule {}
