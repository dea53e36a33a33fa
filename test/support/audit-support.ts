import type { Response } from 'supertest';
import type { DataSource, EntityManager } from 'typeorm';
import type { ChainVerification } from '../../src/audit/audit-chain';
import type { AuditService } from '../../src/audit/audit.service';

/** Reads a response body as text whatever its media type (superagent leaves application/x-ndjson unparsed). */
export function asText(response: Response, callback: (error: Error | null, body: string) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => callback(null, body));
}

/**
 * Tampers as the database owner, triggers off, then verifies inside the same transaction and rolls it all back,
 * so the shared test database stays intact.
 */
export async function verifyAfterTampering(
  dataSource: DataSource,
  audit: AuditService,
  tamper: (manager: EntityManager) => Promise<unknown>,
): Promise<ChainVerification> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query(`SET LOCAL session_replication_role = replica`);
    await tamper(runner.manager);
    return await audit.verify(runner.manager);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
