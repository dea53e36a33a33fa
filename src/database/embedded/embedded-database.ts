import { PgliteSessionServer } from './pglite-session-server';

export interface EmbeddedDatabase {
  /** A postgres:// URL for pg pools (TypeORM's, BullMQ's) on loopback. */
  url: string;
  /** Closes the connections still open, then PGlite. Call it after the pools have ended. */
  close(): Promise<void>;
}

/** PGlite on `directory`, served over PostgreSQL's wire protocol on a free loopback port. */
export async function startEmbeddedDatabase(
  directory: string,
  options: { maxConnections: number; onError(error: unknown): void; onWarning(message: string): void },
): Promise<EmbeddedDatabase> {
  // Loaded lazily: server mode never needs PGlite in memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(directory);
  const server = new PgliteSessionServer(db, options);
  const port = await server.listen('127.0.0.1');
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}
