import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { Public } from '../common/auth/access.decorators';
import { QueueName } from '../queue/queue-names';

const QUEUE_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /** 200 when the database and the queue backend answer, 503 otherwise. */
  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: QUEUE_TIMEOUT_MS }), () => this.checkQueue()]);
  }

  private async checkQueue() {
    const check = this.indicator.check('queue');
    try {
      await Promise.race([
        this.queue.getJobCounts('wait'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), QUEUE_TIMEOUT_MS).unref()),
      ]);
      return check.up();
    } catch {
      return check.down({ message: 'queue backend not answering' });
    }
  }
}
