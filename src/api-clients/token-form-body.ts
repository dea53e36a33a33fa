import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FormFields } from './client-credentials';

export const TOKEN_PATH = '/api/v1/auth/token';

export const isTokenRequest = (request: FastifyRequest) => request.url.split('?')[0] === TOKEN_PATH;

/** What Fastify answers for a content type it has no parser for: the same 415 everywhere but the token endpoint. */
class UnsupportedMediaType extends Error {
  readonly statusCode = 415;
  readonly code = 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
}

/**
 * OAuth 2.0 token requests are form-encoded (RFC 6749 §4.4.2): a form parser for that one route. Everywhere else a
 * form body stays refused with 415, as before (the API takes JSON only). A repeated field becomes an array, for the
 * endpoint to refuse (§3.2). Any other body at the token endpoint (JSON, malformed or not, text, no type at all) is
 * left unread, so the endpoint answers it as §5.2 says: `invalid_request`, never a problem document or a 415.
 */
export function acceptFormForTokenEndpoint(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!isTokenRequest(request)) {
      done(new UnsupportedMediaType('Unsupported Media Type'), undefined);
      return;
    }
    const fields: FormFields = {};
    for (const [name, value] of new URLSearchParams(body as string)) {
      const seen = fields[name];
      fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    done(null, fields);
  });
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, _body, done) => {
    if (!isTokenRequest(request)) {
      done(new UnsupportedMediaType('Unsupported Media Type'), undefined);
      return;
    }
    done(null, undefined);
  });
}
