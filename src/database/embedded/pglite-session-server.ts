import type { PGlite } from '@electric-sql/pglite';
import { createServer, Server, Socket } from 'node:net';
import {
  emptyMessage,
  extractNotifications,
  fatalErrorMessage,
  FrontendMessage,
  listenChanges,
  queryMessage,
  sessionStateAfter,
  splitFrontendMessages,
} from './pg-wire';

/** What the server needs of PGlite: one session, run by one caller at a time. */
export type PgliteSession = Pick<PGlite, 'runExclusive' | 'execProtocolRawStream' | 'isInTransaction'>;

class Client {
  buffered: Buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  /** Between a cycle's first message and the ReadyForQuery that leaves the session idle (no transaction open). */
  busy = false;
  /** Whether a long hold of the session was reported already. */
  reported = false;
  readonly pending: Buffer[] = [];
  readonly channels = new Set<string>();

  constructor(readonly socket: Socket) {}

  /** Everything the client has sent so far, as one run (PGlite answers several messages at once, as a server does). */
  takeBatch(): Buffer | null {
    if (this.pending.length === 0) {
      return null;
    }
    return Buffer.concat(this.pending.splice(0, this.pending.length));
  }

  write(bytes: Buffer): void {
    if (bytes.length > 0 && !this.closed && this.socket.writable) {
      this.socket.write(bytes);
    }
  }
}

/**
 * PostgreSQL's wire protocol in front of PGlite's single session, for the pg pools of TypeORM and BullMQ.
 *
 * pglite-socket queues each frontend message on its own and keeps a connection's turn only while a transaction
 * is open. An extended-protocol cycle (Parse, Bind, Describe, Execute … Sync) is no transaction, so two
 * connections' cycles interleaved on the one session: one connection's Parse replaced another's unnamed statement
 * before its Bind ("bind message supplies 4 parameters, but prepared statement "" requires 1"), or a Bind ran
 * against the other's statement and answered the wrong rows.
 *
 * Here a connection owns the session from the first message of a cycle until PGlite answers ReadyForQuery with the
 * session idle: a whole extended-protocol cycle, a simple query, or a transaction from BEGIN to COMMIT. Other
 * connections' messages wait, in arrival order, and run whole in their turn. A connection that goes away in its
 * turn has its cycle ended and its transaction rolled back. Notifications go to the connections that LISTEN.
 */
export class PgliteSessionServer {
  private server?: Server;
  private readonly clients = new Set<Client>();
  private readonly waiting: Client[] = [];
  private owner: Client | null = null;
  private ownedSince = 0;
  private running: Promise<void> | null = null;
  private watchdog?: NodeJS.Timeout;

  constructor(
    private readonly session: PgliteSession,
    private readonly options: {
      maxConnections: number;
      onError(error: unknown): void;
      onWarning(message: string): void;
      /** How long one connection may hold the session while others wait before it is reported (default 10 s). */
      holdWarningMs?: number;
    },
  ) {}

  /** Listens on host (port 0: a free one) and answers the port. */
  listen(host: string, port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    const holdWarningMs = this.options.holdWarningMs ?? 10_000;
    this.watchdog = setInterval(() => this.reportLongHold(holdWarningMs), holdWarningMs / 2).unref();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops accepting, closes every connection and waits for the statement PGlite is running, if any. */
  async close(): Promise<void> {
    clearInterval(this.watchdog);
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const client of this.clients) {
      client.socket.destroy();
    }
    await closed;
    while (this.running) {
      await this.running;
    }
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    if (this.clients.size >= this.options.maxConnections) {
      socket.end(
        fatalErrorMessage(
          '53300',
          `sorry, too many clients already (the embedded database takes ${this.options.maxConnections})`,
        ),
      );
      return;
    }
    const client = new Client(socket);
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => this.receive(client, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.drop(client));
  }

  private receive(client: Client, chunk: Buffer): void {
    const split = splitFrontendMessages(Buffer.concat([client.buffered, chunk]), client.started);
    client.buffered = split.rest;
    client.started = split.started;
    for (const message of split.messages) {
      this.take(client, message);
    }
    if (client.pending.length > 0 && client !== this.owner && !this.waiting.includes(client)) {
      this.waiting.push(client);
    }
    this.run();
  }

  private take(client: Client, message: FrontendMessage): void {
    if (message.kind === 'invalid') {
      return void client.socket.destroy();
    }
    if (message.kind === 'ssl-request') {
      return client.write(Buffer.from('N'));
    }
    // There is no backend process to signal: a cancel request only closes its own connection.
    if (message.kind === 'cancel-request') {
      return void client.socket.end();
    }
    if (message.kind === 'typed' && message.type === 'X') {
      return void client.socket.end();
    }
    if (message.kind === 'typed') {
      const { listen, unlisten } = listenChanges(message.bytes);
      listen.forEach((channel) => client.channels.add(channel));
      unlisten.forEach((channel) => (channel === '*' ? client.channels.clear() : client.channels.delete(channel)));
    }
    client.pending.push(message.bytes);
  }

  private drop(client: Client): void {
    client.closed = true;
    this.clients.delete(client);
    const index = this.waiting.indexOf(client);
    if (index >= 0) {
      this.waiting.splice(index, 1);
    }
    if (client === this.owner) {
      this.run();
    }
  }

  private run(): void {
    if (this.running) {
      return;
    }
    this.running = this.serve().finally(() => {
      this.running = null;
      if (this.hasWork()) {
        this.run();
      }
    });
  }

  private hasWork(): boolean {
    return this.owner ? this.owner.closed || this.owner.pending.length > 0 : this.waiting.length > 0;
  }

  /** Runs the owner's messages until its cycle ends, then the next waiting connection's; stops while the owner is silent mid-cycle. */
  private async serve(): Promise<void> {
    for (;;) {
      const client = this.owner ?? this.waiting.shift();
      if (!client) {
        return;
      }
      if (client !== this.owner) {
        this.ownedSince = Date.now();
      }
      this.owner = client;
      if (client.closed) {
        await this.abandon(client);
        continue;
      }
      const batch = client.takeBatch();
      if (!batch) {
        if (client.busy) {
          return;
        }
        this.owner = null;
        continue;
      }
      let output: Buffer;
      try {
        output = await this.execute(batch);
      } catch (error) {
        this.options.onError(error);
        client.socket.destroy();
        client.busy = true;
        await this.abandon(client);
        continue;
      }
      const { rest, notifications } = extractNotifications(output);
      client.write(rest);
      this.notify(notifications);
      const state = sessionStateAfter(rest);
      if (state !== 'unchanged') {
        client.busy = state !== 'I';
      }
      if (!client.busy) {
        this.owner = null;
        if (client.pending.length > 0) {
          this.waiting.push(client);
        }
      }
    }
  }

  /**
   * Everything waits while one connection keeps a transaction open. A request that queries on a second connection
   * from inside its transaction waits for that transaction, which waits for it: say so instead of hanging silently.
   */
  private reportLongHold(holdWarningMs: number): void {
    const owner = this.owner;
    const held = Date.now() - this.ownedSince;
    if (!owner?.busy || owner.reported || this.waiting.length === 0 || held < holdWarningMs) {
      return;
    }
    owner.reported = true;
    this.options.onWarning(
      `One connection has held the embedded database for ${Math.round(held / 1000)} s with its transaction open; ${this.waiting.length} waiting ` +
        '(a query sent on another connection from inside a transaction waits for ever in embedded mode)',
    );
  }

  private notify(notifications: { channel: string; bytes: Buffer }[]): void {
    for (const { channel, bytes } of notifications) {
      for (const client of this.clients) {
        if (client.channels.has(channel)) {
          client.write(bytes);
        }
      }
    }
  }

  /** Ends a departed owner's cycle (Sync) and rolls back its transaction, so the next connection finds the session idle. */
  private async abandon(client: Client): Promise<void> {
    client.closed = true;
    client.pending.length = 0;
    this.owner = null;
    if (!client.busy) {
      return;
    }
    try {
      await this.execute(emptyMessage('S'));
      if (this.session.isInTransaction()) {
        await this.execute(queryMessage('ROLLBACK'));
      }
    } catch (error) {
      this.options.onError(error);
    }
  }

  private async execute(message: Buffer): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.session.runExclusive(() =>
      this.session.execProtocolRawStream(message, {
        onRawData: (data: Uint8Array) => void chunks.push(Buffer.from(data)),
      }),
    );
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }
}
