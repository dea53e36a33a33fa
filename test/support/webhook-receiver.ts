import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A webhook endpoint on loopback that records every request and answers with queued status codes (then 200). */
export interface WebhookReceiver {
  /** Base URL: subscriptions append their own path, so messages can be told apart by subscription. */
  url: string;
  received: ReceivedWebhook[];
  /** Status codes for the next requests, in order. */
  answer(...statuses: number[]): void;
  /** Stop answering at all (the sender's timeout applies) until `respond()`. */
  hang(): void;
  respond(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let hanging = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (hanging) {
        return;
      }
      const status = statuses.shift() ?? 200;
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (...codes) => statuses.push(...codes),
    hang: () => (hanging = true),
    respond: () => (hanging = false),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
