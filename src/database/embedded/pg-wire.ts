/**
 * The few parts of the PostgreSQL wire protocol (v3) the embedded session server reads: how a client's byte
 * stream splits into messages, and where a backend's answers say that a message cycle has ended.
 */

export const PROTOCOL_V3 = 196_608;
export const SSL_REQUEST = 80_877_103;
export const GSS_ENCRYPTION_REQUEST = 80_877_104;
export const CANCEL_REQUEST = 80_877_102;

/** The backend's transaction status in ReadyForQuery: idle, in a transaction block, in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

export type FrontendMessage =
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'ssl-request' }
  | { kind: 'cancel-request' }
  /** A length no message can have: the connection is not speaking the protocol. */
  | { kind: 'invalid' }
  | { kind: 'typed'; type: string; bytes: Buffer };

/**
 * Splits the complete messages off the front of a client's buffered bytes. Before start-up a message has no
 * type byte (start-up, SSL, GSS and cancel requests); afterwards each has one. Answers the messages and the
 * bytes that belong to a message still arriving.
 */
export function splitFrontendMessages(
  buffer: Buffer,
  started: boolean,
): { messages: FrontendMessage[]; rest: Buffer; started: boolean } {
  const messages: FrontendMessage[] = [];
  let offset = 0;
  for (;;) {
    if (!started) {
      if (buffer.length - offset < 8) {
        break;
      }
      const length = buffer.readInt32BE(offset);
      if (length < 8) {
        messages.push({ kind: 'invalid' });
        break;
      }
      if (buffer.length - offset < length) {
        break;
      }
      const code = buffer.readInt32BE(offset + 4);
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      if (code === SSL_REQUEST || code === GSS_ENCRYPTION_REQUEST) {
        messages.push({ kind: 'ssl-request' });
      } else if (code === CANCEL_REQUEST) {
        messages.push({ kind: 'cancel-request' });
      } else {
        messages.push({ kind: 'startup', bytes: Buffer.from(bytes) });
        started = true;
      }
      continue;
    }
    if (buffer.length - offset < 5) {
      break;
    }
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (length < 5) {
      messages.push({ kind: 'invalid' });
      break;
    }
    if (buffer.length - offset < length) {
      break;
    }
    messages.push({
      kind: 'typed',
      type: String.fromCharCode(buffer[offset]),
      bytes: Buffer.from(buffer.subarray(offset, offset + length)),
    });
    offset += length;
  }
  return { messages, rest: Buffer.from(buffer.subarray(offset)), started };
}

/**
 * Where the backend's answers leave the session: the status of a ReadyForQuery that ends them (the cycle is over),
 * or 'busy' when anything follows the last ReadyForQuery or none came (the cycle goes on: more Parse/Bind/Execute
 * before a Sync, rows of a COPY, the skipped messages after an error). Answers 'unchanged' for no bytes at all
 * (a Flush, or a message ignored until the next Sync).
 */
export function sessionStateAfter(output: Buffer): TransactionStatus | 'busy' | 'unchanged' {
  if (output.length === 0) {
    return 'unchanged';
  }
  let offset = 0;
  let last: TransactionStatus | 'busy' = 'busy';
  while (output.length - offset >= 5) {
    const length = 1 + output.readInt32BE(offset + 1);
    if (length < 5) {
      return 'busy';
    }
    last =
      output[offset] === 0x5a && length === 6 && offset + 5 < output.length
        ? (String.fromCharCode(output[offset + 5]) as TransactionStatus)
        : 'busy';
    offset += length;
  }
  return offset === output.length ? last : 'busy';
}

/** A frontend message with an empty body: Sync ('S'), Flush ('H'), Terminate ('X'). */
export function emptyMessage(type: 'S' | 'H' | 'X'): Buffer {
  const message = Buffer.alloc(5);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4, 1);
  return message;
}

/** A simple-protocol Query ('Q') message. */
export function queryMessage(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** An ErrorResponse ('E') of severity FATAL, for a connection refused before it reaches the database. */
export function fatalErrorMessage(sqlState: string, text: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${text}\0\0`, 'utf8');
  const message = Buffer.alloc(5 + fields.length);
  message.write('E', 0, 'latin1');
  message.writeInt32BE(4 + fields.length, 1);
  fields.copy(message, 5);
  return message;
}

/**
 * Takes the NotificationResponse ('A') messages out of a backend's answers: PGlite hands a NOTIFY's notification to
 * whoever ran the statement, while PostgreSQL would hand it to the sessions that LISTEN. Answers the remaining
 * bytes and each notification with its channel.
 */
export function extractNotifications(output: Buffer): {
  rest: Buffer;
  notifications: { channel: string; bytes: Buffer }[];
} {
  if (!output.includes(0x41)) {
    return { rest: output, notifications: [] };
  }
  const kept: Buffer[] = [];
  const notifications: { channel: string; bytes: Buffer }[] = [];
  let offset = 0;
  while (output.length - offset >= 5) {
    const length = 1 + output.readInt32BE(offset + 1);
    if (length < 5) {
      break;
    }
    const message = output.subarray(offset, offset + length);
    if (message[0] === 0x41 && message.length >= 10) {
      const end = message.indexOf(0, 9);
      notifications.push({
        channel: message.subarray(9, end < 0 ? message.length : end).toString('utf8'),
        bytes: Buffer.from(message),
      });
    } else {
      kept.push(message);
    }
    offset += length;
  }
  if (offset < output.length) {
    kept.push(output.subarray(offset));
  }
  return { rest: Buffer.concat(kept), notifications };
}

const LISTEN_STATEMENT = /(?:^|[\s;])(UN)?LISTEN\s+(?:"([^"]+)"|([A-Za-z_][\w$]*)|(\*))/gi;

/** The channels a Query or Parse message's SQL starts and stops listening on (`*`: every channel). */
export function listenChanges(message: Buffer): { listen: string[]; unlisten: string[] } {
  const listen: string[] = [];
  const unlisten: string[] = [];
  const type = String.fromCharCode(message[0]);
  if (type !== 'Q' && type !== 'P') {
    return { listen, unlisten };
  }
  let text = message.subarray(5).toString('utf8');
  // Parse: statement name, then the query text.
  if (type === 'P') {
    text = text.slice(text.indexOf('\0') + 1);
  }
  const end = text.indexOf('\0');
  text = (end < 0 ? text : text.slice(0, end)).replace(/--[^\n]*/g, '');
  if (!/listen/i.test(text)) {
    return { listen, unlisten };
  }
  for (const match of text.matchAll(LISTEN_STATEMENT)) {
    const channel = match[2] ?? match[3]?.toLowerCase() ?? match[4];
    (match[1] ? unlisten : listen).push(channel);
  }
  return { listen, unlisten };
}
