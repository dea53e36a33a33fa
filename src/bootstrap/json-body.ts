import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any request this API takes (a routine document is five levels): refused before JSON.parse and validation recurse. */
export const MAX_JSON_DEPTH = 32;

/**
 * A body that cannot be taken, with the code the exception filter renders. Not a FastifyError or SyntaxError, which
 * Nest would turn into an HttpException carrying the parser's message (that quotes the body) and no code.
 */
export class JsonBodyError extends Error {
  readonly statusCode = 400;
  constructor(readonly code: 'FST_ERR_CTP_JSON_TOO_DEEP' | 'FST_ERR_CTP_INVALID_JSON_BODY') {
    super(code);
    this.name = 'JsonBodyError';
  }
}

/** Whether brackets outside strings nest deeper than `limit`; one pass, no recursion. */
export function nestsDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) {
        i++;
      } // backslash: skip the escaped character
      else if (ch === 0x22) {
        inString = false;
      }
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) {
        return true;
      }
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The only body parser: JSON, with Fastify's prototype-poisoning protection, refused when nested too deep. A route
 * that takes no JSON (`leftUnread`) gets none parsed, valid or not: it refuses the body in its own terms.
 */
export function acceptJsonOnly(
  fastify: FastifyInstance,
  leftUnread: (request: FastifyRequest) => boolean = () => false,
): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (leftUnread(request)) {
      done(null, undefined);
      return;
    }
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new JsonBodyError('FST_ERR_CTP_JSON_TOO_DEEP'), undefined);
      return;
    }
    void parse(request, body as string, (error, parsed) =>
      error ? done(new JsonBodyError('FST_ERR_CTP_INVALID_JSON_BODY'), undefined) : done(null, parsed),
    );
  });
}
