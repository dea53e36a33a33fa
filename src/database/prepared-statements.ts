import { createHash } from 'node:crypto';
import { Client, QueryConfig } from 'pg';

/** Named statements a connection keeps at most; texts beyond them run unnamed, as before. */
export const MAX_STATEMENTS_PER_CONNECTION = 1000;

/** The name a statement text is prepared under: the same text gets the same name on every connection. */
export const statementName = (text: string) => `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;

/**
 * A pg client that runs every parameterised statement as a named prepared statement: parsed and analysed once per
 * connection, and planned once PostgreSQL finds its generic plan as good as the custom ones (plan_cache_mode
 * auto) — on the short statements of the hot paths, planning cost as much as executing. Only for server mode:
 * embedded mode's connections share one PGlite session, where names would collide.
 */
export class PreparedStatementClient extends Client {
  private readonly prepared = new Set<string>();

  // pg's query() has many overloads; this one only ever turns (text, values[, callback]) into a named config.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (this.prepared.has(name) || this.prepared.size < MAX_STATEMENTS_PER_CONNECTION) {
        this.prepared.add(name);
        const config: QueryConfig = { name, text, values: values as unknown[] };
        args = callback === undefined ? [config] : [config, callback];
      }
    }
    return (super.query as (...rest: unknown[]) => never)(...args);
  }
}
