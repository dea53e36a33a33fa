import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { findPersonalData } from '../../privacy/personal-data-detector';
import { RequestValidationException } from '../http/request-validation.exception';
import type { AuthenticatedUser } from './authenticated-user';

export const ACCESS_REASON_HEADER = 'x-access-reason';
const ACCESS_REASON_MAX_LENGTH = 500;

/** Who is asking, and in which request: what services need for access checks and the audit trail. */
export interface RequestContext {
  user: AuthenticatedUser;
  requestId: string;
  accessReason?: string;
}

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
  if (!request.user) {
    throw new Error('Ctx() used on a route without an authenticated user');
  }
  return { user: request.user, requestId: String(request.id), accessReason: readAccessReason(request) };
});

/** Node reads header bytes as Latin-1; clients send UTF-8 ("Rättelse"). Decode it when it is valid UTF-8. */
function decodeUtf8Header(raw: string): string {
  const decoded = Buffer.from(raw, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? raw : decoded;
}

/**
 * The access reason a request gives, checked: too long or carrying personal data is a 422. Checked on every request
 * (src/bootstrap/create-app.ts), not only where a route records it, so a client learns of it the same way everywhere.
 */
export function readAccessReason(request: FastifyRequest): string | undefined {
  const header = request.headers[ACCESS_REASON_HEADER];
  const raw = Array.isArray(header) ? header.join(' ') : header;
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = decodeUtf8Header(raw);
  if (value.length > ACCESS_REASON_MAX_LENGTH) {
    throw new RequestValidationException([
      { field: 'X-Access-Reason', code: 'max_length', message: `at most ${ACCESS_REASON_MAX_LENGTH} characters` },
    ]);
  }
  const kind = findPersonalData(value);
  if (kind) {
    throw new RequestValidationException([{ field: 'X-Access-Reason', code: 'personal_data', kind }]);
  }
  return value.trim();
}
