import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PollingLoop } from '../queue/polling-loop';
import { readCheckpointKey } from './audit-checkpoint';
import { writeCheckpoint } from './audit-checkpoints';

const STOP_GRACE_MS = 5000;

/**
 * In the worker: every AUDIT_CHECKPOINT_INTERVAL_SECONDS, a signed checkpoint of the chain's head to
 * AUDIT_CHECKPOINT_DIR if the head moved since the last one. A key that cannot be read stops the start; a chain that
 * no longer extends the latest checkpoint is logged as an error at every run and nothing is signed.
 */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private loop: PollingLoop | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const { dir, privateKeyFile, intervalSeconds } = this.config.auditCheckpoints ?? {};
    if (!dir || !privateKeyFile || !intervalSeconds) {
      return;
    }
    const privateKey = readCheckpointKey('private', privateKeyFile, 'AUDIT_CHECKPOINT_PRIVATE_KEY_FILE');
    this.loop = new PollingLoop(
      'audit checkpoint',
      intervalSeconds * 1000,
      async () => {
        const written = await writeCheckpoint(this.dataSource, dir, privateKey, { onlyIfMoved: true });
        if (written) {
          this.logger.log(`Audit checkpoint at sequence ${written.checkpoint.sequence} written`);
        }
      },
      this.logger,
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop(STOP_GRACE_MS);
  }
}
