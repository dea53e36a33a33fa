import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, QueueName } from './queue-names';

const ERROR_LOG_INTERVAL_MS = 60_000;

/** Every registered queue by name (metrics, dashboard, workers). */
@Injectable()
export class QueueRegistry implements OnModuleInit {
  private readonly logger = new Logger('Queue');

  constructor(private readonly moduleRef: ModuleRef) {}

  /** A queue backend that is down makes every queue emit errors while it reconnects: log them, at most once a minute per queue. */
  onModuleInit(): void {
    for (const queue of this.all()) {
      let loggedAt = 0;
      queue.on('error', (error: Error) => {
        if (Date.now() - loggedAt < ERROR_LOG_INTERVAL_MS) {
          return;
        }
        loggedAt = Date.now();
        this.logger.warn(`${queue.name}: ${error.message}`);
      });
    }
  }

  get(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.get(name));
  }
}

/** Settles with the promise's value, or undefined once `ms` have passed (a queue backend that is down must not hang a caller). */
export function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
