// Named prepared statements on a PostgreSQL server (adapter-pg's statementNameGenerator). Unnamed, every statement
// Prisma sends is parsed and planned again each time it runs; named, each connection parses it once, and PostgreSQL
// may keep a generic plan for it (plan_cache_mode auto: after five custom plans, when the generic one costs no
// more). A kept page's two statements cost PostgreSQL 0.30–0.44 ms of CPU named against 0.91–1.23 ms unnamed
// (bench/README.md, twenty-first round). The name is a digest of the SQL text, given from a text's second use on:
// a text seen once (a list page's LIMIT and OFFSET are written into its SQL) is not worth a statement kept on every
// connection. The named texts are capped, past the cap a text goes unnamed, and pg.Pool closes a connection idle for
// 10 s with its statements, so what PostgreSQL keeps stays bounded. DATABASE_PREPARED_STATEMENTS=false turns it off
// (src/config.ts), for a pooler in transaction mode that does not keep prepared statements.
import { createHash } from 'node:crypto';

export const MAX_NAMED_STATEMENTS = 200;
/** texts seen once, waiting for a second use (forgotten all at once when full) */
const MAX_SEEN_ONCE = 2_000;

/** A statement name generator for one database client: a text's name from its second use, '' (unnamed) otherwise. */
export function statementNames(max = MAX_NAMED_STATEMENTS): (query: { sql: string }) => string {
  const named = new Set<string>();
  const once = new Set<string>();
  return ({ sql }) => {
    const name = `t_${createHash('sha1').update(sql).digest('base64url').slice(0, 24)}`;
    if (named.has(name)) return name;
    if (!once.has(name)) {
      if (once.size >= MAX_SEEN_ONCE) once.clear();
      once.add(name);
      return '';
    }
    if (named.size >= max) return '';
    once.delete(name);
    named.add(name);
    return name;
  };
}

/** adapter-pg options for an app client: named statements unless turned off. */
export const pgStatementOptions = (prepared: boolean | undefined) => (prepared === false ? {} : { statementNameGenerator: statementNames() });
