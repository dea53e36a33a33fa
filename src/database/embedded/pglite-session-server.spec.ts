import { connect, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { emptyMessage, PROTOCOL_V3, queryMessage } from './pg-wire';
import { PgliteSession, PgliteSessionServer } from './pglite-session-server';

/**
 * The session server's scheduling, against a stand-in for PGlite's one session that answers like a backend and
 * records what ran in which order. (PGlite itself cannot load under Jest without --experimental-vm-modules; the
 * embedded e2e specs run the real one.)
 */
class RecordingSession implements PgliteSession {
  readonly ran: string[] = [];
  private transaction: 'I' | 'T' = 'I';

  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  isInTransaction(): boolean {
    return this.transaction === 'T';
  }

  async execProtocolRawStream(input: Uint8Array, options?: { onRawData?: (data: Uint8Array) => void }): Promise<void> {
    const bytes = Buffer.from(input);
    const out: Buffer[] = [];
    for (let offset = 0; offset < bytes.length;) {
      if (bytes[offset] === 0) {
        this.ran.push('startup');
        out.push(backend('R', Buffer.alloc(4)), this.ready());
        offset += bytes.readInt32BE(offset);
        continue;
      }
      const type = String.fromCharCode(bytes[offset]);
      const length = 1 + bytes.readInt32BE(offset + 1);
      const text = bytes
        .subarray(offset + 5, offset + length)
        .toString('utf8')
        .replace(/\0/g, ' ')
        .trim();
      offset += length;
      await sleep(1);
      this.ran.push(type === 'P' || type === 'Q' ? `${type} ${text}` : type);
      if (text.includes('CRASH')) {
        throw new Error('PGlite failed');
      }
      if (type === 'P') {
        out.push(backend('1'));
      } else if (type === 'B') {
        out.push(backend('2'));
      } else if (type === 'E') {
        out.push(backend('C', Buffer.from('SELECT 1\0')));
      } else if (type === 'S') {
        out.push(this.ready());
      } else if (type === 'Q') {
        if (/^BEGIN/i.test(text)) {
          this.transaction = 'T';
        }
        if (/^(COMMIT|ROLLBACK)/i.test(text)) {
          this.transaction = 'I';
        }
        out.push(backend('C', Buffer.from('OK\0')));
        const notify = /^NOTIFY (\w+)/i.exec(text);
        if (notify) {
          out.push(backend('A', Buffer.concat([Buffer.alloc(4), Buffer.from(`${notify[1]}\0payload\0`)])));
        }
        out.push(this.ready());
      }
    }
    options?.onRawData?.(Buffer.concat(out));
  }

  private ready(): Buffer {
    return backend('Z', Buffer.from(this.transaction));
  }
}

function backend(type: string, body = Buffer.alloc(0)): Buffer {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

function frontend(type: string, body: string): Buffer {
  return backend(type, Buffer.from(body, 'utf8'));
}

const startup = () => {
  const body = Buffer.from('user\0postgres\0\0');
  const message = Buffer.alloc(8 + body.length);
  message.writeInt32BE(message.length, 0);
  message.writeInt32BE(PROTOCOL_V3, 4);
  body.copy(message, 8);
  return message;
};
const parse = (sql: string) => frontend('P', `\0${sql}\0\0\0`);
const bind = () => frontend('B', '\0\0\0\0\0\0\0\0');
const execute = () => frontend('E', '\0\0\0\0\0');

interface TestClient {
  socket: Socket;
  received: () => Buffer;
  send: (...messages: Buffer[]) => void;
  /** Waits until as many ReadyForQuery messages have arrived. */
  readyCount: (count: number) => Promise<void>;
}

async function open(port: number): Promise<TestClient> {
  const socket = connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  await new Promise((resolve) => socket.once('connect', resolve));
  const client: TestClient = {
    socket,
    received: () => received,
    send: (...messages) => socket.write(Buffer.concat(messages)),
    readyCount: async (count) => {
      for (let waited = 0; countReady(received) < count; waited += 5) {
        if (waited > 2000) {
          throw new Error(`only ${countReady(received)} ReadyForQuery of ${count}`);
        }
        await sleep(5);
      }
    },
  };
  client.send(startup());
  await client.readyCount(1);
  return client;
}

function countReady(bytes: Buffer): number {
  let count = 0;
  for (let offset = 0; offset + 5 <= bytes.length; offset += 1 + bytes.readInt32BE(offset + 1)) {
    if (bytes[offset] === 0x5a) {
      count += 1;
    }
  }
  return count;
}

describe('PgliteSessionServer', () => {
  let session: RecordingSession;
  let server: PgliteSessionServer;
  let port: number;
  const errors: unknown[] = [];
  const warnings: string[] = [];
  const clients: TestClient[] = [];
  const client = async () => {
    const opened = await open(port);
    clients.push(opened);
    return opened;
  };

  beforeEach(async () => {
    session = new RecordingSession();
    server = new PgliteSessionServer(session, {
      maxConnections: 3,
      onError: (error) => errors.push(error),
      onWarning: (message) => warnings.push(message),
      holdWarningMs: 40,
    });
    port = await server.listen('127.0.0.1');
  });
  afterEach(async () => {
    clients.splice(0).forEach((opened) => opened.socket.destroy());
    await server.close();
    expect(errors).toEqual([]);
    warnings.length = 0;
  });

  it('runs a connection’s extended-protocol cycle whole, up to its Sync, before another connection’s', async () => {
    const a = await client();
    const b = await client();
    session.ran.length = 0;
    // A sends its cycle in two parts (as a client that flushes before it syncs); B's complete cycle arrives between them.
    a.send(parse('SELECT a'), bind());
    await sleep(20);
    b.send(parse('SELECT b'), bind(), execute(), emptyMessage('S'));
    await sleep(20);
    a.send(execute(), emptyMessage('S'));
    await Promise.all([a.readyCount(2), b.readyCount(2)]);
    expect(session.ran).toEqual(['P SELECT a', 'B', 'E', 'S', 'P SELECT b', 'B', 'E', 'S']);
  });

  it('keeps the session for one connection from BEGIN to COMMIT, and lets the others run afterwards in order', async () => {
    const a = await client();
    const b = await client();
    const c = await client();
    session.ran.length = 0;
    a.send(queryMessage('BEGIN'));
    await a.readyCount(2);
    b.send(queryMessage('SELECT b'));
    c.send(parse('SELECT c'), bind(), execute(), emptyMessage('S'));
    await sleep(20);
    a.send(queryMessage('UPDATE a'));
    await a.readyCount(3);
    a.send(queryMessage('COMMIT'));
    await Promise.all([a.readyCount(4), b.readyCount(2), c.readyCount(2)]);
    expect(session.ran).toEqual(['Q BEGIN', 'Q UPDATE a', 'Q COMMIT', 'Q SELECT b', 'P SELECT c', 'B', 'E', 'S']);
    expect(warnings).toEqual([]);
  });

  it('warns, once, when one connection keeps its transaction open while others wait', async () => {
    const a = await client();
    const b = await client();
    a.send(queryMessage('BEGIN'));
    await a.readyCount(2);
    b.send(queryMessage('SELECT b'));
    await sleep(150);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^One connection has held the embedded database for \d+ s with its transaction open; 1 waiting/,
      ),
    ]);
    a.send(queryMessage('COMMIT'));
    await b.readyCount(2);
  });

  it('ends the cycle and rolls back the transaction of a connection that goes away in its turn', async () => {
    const a = await client();
    const b = await client();
    session.ran.length = 0;
    a.send(queryMessage('BEGIN'));
    await a.readyCount(2);
    a.send(parse('INSERT a'), bind());
    await sleep(20);
    b.send(queryMessage('SELECT b'));
    a.socket.destroy();
    await b.readyCount(2);
    expect(session.ran).toEqual(['Q BEGIN', 'P INSERT a', 'B', 'S', 'Q ROLLBACK', 'Q SELECT b']);
    expect(session.isInTransaction()).toBe(false);
  });

  it('hands a NOTIFY to the connections that LISTEN on its channel, not to the one that sent it', async () => {
    const listener = await client();
    const notifier = await client();
    listener.send(queryMessage('-- the LISTEN client\nLISTEN bullmq_jobs'));
    await listener.readyCount(2);
    notifier.send(queryMessage('NOTIFY bullmq_jobs'));
    await notifier.readyCount(2);
    await sleep(20);
    expect(listener.received().includes(Buffer.from('bullmq_jobs\0payload'))).toBe(true);
    expect(notifier.received().includes(Buffer.from('bullmq_jobs\0payload'))).toBe(false);
  });

  it('closes a connection that sends a message length no message can have, and serves the others', async () => {
    const broken = await client();
    const other = await client();
    const closed = new Promise((resolve) => broken.socket.once('close', resolve));
    broken.send(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xf0]));
    await closed;
    other.send(queryMessage('SELECT 1'));
    await other.readyCount(2);
  });

  it('closes the connection whose statement PGlite failed on, ends its cycle, and serves the others', async () => {
    const failing = await client();
    const other = await client();
    session.ran.length = 0;
    const closed = new Promise((resolve) => failing.socket.once('close', resolve));
    failing.send(parse('SELECT CRASH'), bind());
    other.send(queryMessage('SELECT 1'));
    await closed;
    await other.readyCount(2);
    expect(session.ran).toEqual(['P SELECT CRASH', 'S', 'Q SELECT 1']);
    expect(errors.splice(0)).toEqual([new Error('PGlite failed')]);
  });

  it('refuses connections past its limit with a FATAL error', async () => {
    await client();
    await client();
    await client();
    const refused = connect(port, '127.0.0.1');
    const answer = await new Promise<Buffer>((resolve) => refused.once('data', resolve));
    expect(answer.subarray(0, 1).toString()).toBe('E');
    expect(answer.toString('utf8')).toContain('53300');
    refused.destroy();
  });
});
