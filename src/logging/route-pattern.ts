import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

const ROUTE_PATTERN = Symbol('routePattern');
const NO_ROUTE = '(no route)';

type WithRoutePattern = IncomingMessage & { [ROUTE_PATTERN]?: string };

/**
 * Remembers each request's route pattern (`/api/v1/cases/:id`) on the raw request, where the request log reads it:
 * a raw path can carry whatever a client put in it, and a query string always may.
 */
export function recordRoutePatterns(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    (request.raw as WithRoutePattern)[ROUTE_PATTERN] = request.routeOptions.url ?? NO_ROUTE;
    done();
  });
}

/** The route pattern of a request, or a constant for one that matched no route (or failed before routing). */
export function routePatternOf(raw: WithRoutePattern | undefined): string {
  return raw?.[ROUTE_PATTERN] ?? NO_ROUTE;
}
