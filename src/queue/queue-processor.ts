import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { Job, WorkerOptions } from 'bullmq';
import type { JobData, QueueName } from './queue-names';

/** A feature's processor of its queue: the worker runner starts one BullMQ worker for each. */
export interface QueueProcessor<Q extends QueueName = QueueName> {
  readonly queue: Q;
  /** The queue's own worker settings: concurrency, lock times, backoff strategy. */
  readonly workerOptions: Partial<WorkerOptions>;
  process(job: Job<JobData<Q>>): Promise<unknown>;
  /** On shutdown, once the workers have closed: resolves when work the processor still holds is done. */
  drained?(): Promise<void>;
}

/** Work a feature has the worker run every `intervalMs` (a PollingLoop: never two runs at once). */
export interface PeriodicTask {
  readonly name: string;
  readonly intervalMs: number;
  run(): Promise<unknown>;
}

/** What the worker runs: the features' processors, periodic tasks and row-job sources, as the worker module lists them. */
export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');
export const PERIODIC_TASKS = Symbol('PERIODIC_TASKS');
export const ROW_JOB_SOURCES = Symbol('ROW_JOB_SOURCES');

/** Provides `token` as the list of the given providers, in their order. */
export function listOf(token: symbol, providers: InjectionToken[]): FactoryProvider {
  return { provide: token, useFactory: (...items: unknown[]) => items, inject: providers };
}
