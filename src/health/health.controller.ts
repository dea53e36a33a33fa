import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { Public } from '../common/auth/access.decorators';
import { QueueName } from '../queue/queue-names';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
  ) {}

  /** For monitoring: 200 when the database and the queue backend answer, 503 otherwise. */
  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Health for monitoring: the database and the queue backend' })
  check() {
    return this.health.check([() => this.checkDatabase(), () => this.checkQueue()]);
  }

  /**
   * For load balancers (readiness): 200 when this process can serve requests, which needs the database only.
   * Without the queue backend the API still accepts every change (jobs are rebuilt from rows), so it stays in rotation.
   */
  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness for load balancers: whether this process can serve requests (database)' })
  ready() {
    return this.health.check([() => this.checkDatabase()]);
  }

  /** For process supervisors (liveness): 200 whenever the process answers at all. */
  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness for process supervisors: whether the process answers' })
  live() {
    return this.health.check([]);
  }

  private checkDatabase() {
    return this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS });
  }

  private async checkQueue() {
    const check = this.indicator.check('queue');
    try {
      await Promise.race([
        this.queue.getJobCounts('wait'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
      ]);
      return check.up();
    } catch {
      return check.down({ message: 'queue backend not answering' });
    }
  }
}
