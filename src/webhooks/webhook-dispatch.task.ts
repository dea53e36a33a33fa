import { Injectable } from '@nestjs/common';
import type { PeriodicTask } from '../queue/queue-processor';
import { RowJobFeeder } from '../queue/row-jobs';
import { OutboxDispatcherService } from './outbox-dispatcher.service';
import { WebhookDeliveryJobs } from './webhook-delivery-jobs';

/** Every second in the worker: committed outbox events become delivery rows, and pending deliveries become jobs. */
@Injectable()
export class WebhookDispatch implements PeriodicTask {
  readonly name = 'outbox dispatch';
  readonly intervalMs = 1000;

  constructor(
    private readonly outbox: OutboxDispatcherService,
    private readonly feeder: RowJobFeeder,
    private readonly deliveryJobs: WebhookDeliveryJobs,
  ) {}

  async run(): Promise<void> {
    await this.outbox.dispatchAll();
    await this.feeder.feed(this.deliveryJobs);
  }
}
