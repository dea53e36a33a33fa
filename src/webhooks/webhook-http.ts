import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ForbiddenAddressError, guardedLookup } from './webhook-target';
import { WEBHOOK_TIMEOUT_MS } from './webhook-retry';
import type { SignedHeaders } from './webhook-signature';

export type AttemptError = 'timeout' | 'network_error' | 'forbidden_address' | 'http_status';

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: AttemptError | null;
}

/**
 * One POST of a signed body. 2xx is success; anything else (redirects are not followed), a network error or
 * no answer within five seconds is a failed attempt. The socket connects only to an address the SSRF rules allow.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: SignedHeaders,
  allowPrivateNetworks: boolean,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<AttemptResult> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Samverkan-Webhooks/1',
        },
        lookup: guardedLookup(allowPrivateNetworks),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        const statusCode = response.statusCode ?? 0;
        const ok = statusCode >= 200 && statusCode < 300;
        resolve({ ok, statusCode, error: ok ? null : 'http_status' });
      },
    );
    req.on('error', (error: Error) =>
      resolve({
        ok: false,
        statusCode: null,
        error:
          error instanceof ForbiddenAddressError ||
          (error as { cause?: unknown }).cause instanceof ForbiddenAddressError
            ? 'forbidden_address'
            : error.name === 'AbortError' || error.name === 'TimeoutError'
              ? 'timeout'
              : 'network_error',
      }),
    );
    req.end(body);
  });
}
