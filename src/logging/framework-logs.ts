import type { LogFn, Logger } from 'pino';

/** Nest's own start-up lines: a module loaded, a controller resolved, a route mapped (about 120 of them). */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'NestApplication',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
]);
const INFO = 30;

/**
 * A pino logMethod hook that writes Nest's start-up lines at debug, so a start at `info` shows the service's own
 * few lines (mode, address, documentation, the first admin) and `LOG_LEVEL=debug` shows the rest.
 */
export function frameworkLinesAtDebug(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const [first] = args as unknown[];
  const context = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context : undefined;
  if (level === INFO && typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) {
    return void this.debug(...args);
  }
  method.apply(this, args);
}
