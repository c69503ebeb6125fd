// Turns for the embedded database. PGlite runs PostgreSQL inside this process, and each query runs synchronously on
// the event loop. Queries waiting for PGlite follow one another in promise jobs, so while any request has a query
// waiting, the event loop does not get back to its I/O phase. Node 20 accepts at most one new connection per loop
// iteration (measured), so under load a new connection (a user opening the app, a browser's extra socket) waited
// until the queue ran dry: with 50 connections, the first request on a new socket waited up to 6 s to be accepted,
// while its own handling took 7–23 ms (bench/README.md, fifteenth round).
//
// Here the instance's queries go through one queue that yields to the event loop (setImmediate) once it has held
// it for SLICE_MS, so the loop accepts and reads at least every few milliseconds. The order of queries is kept, and
// PGlite serialises them anyway. Queries inside a transaction do not pass through here (PGlite hands a transaction
// its own query function, and holds every other query until the transaction ends).
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * How long the queue may run before it lets the event loop take a turn. Measured with 50 connections on the demo
 * data: 2 ms gave the home page a p99 under 0.9 s with the same throughput; 10 ms still left 2–6 s tails.
 */
export const SLICE_MS = 2;

const TAKING_TURNS = Symbol('pglite queries take turns with the event loop');

/** Route `pglite.query` through a queue that yields to the event loop every SLICE_MS (once per instance). */
export function takeTurns(pglite: PGlite): PGlite {
  const tagged = pglite as PGlite & { [TAKING_TURNS]?: true };
  if (tagged[TAKING_TURNS]) return pglite;
  tagged[TAKING_TURNS] = true;
  const query = pglite.query.bind(pglite);
  const queue: (() => Promise<void>)[] = [];
  let draining = false;
  const drain = async () => {
    let since = performance.now();
    while (queue.length > 0) {
      if (performance.now() - since > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
      await queue.shift()!();
    }
    draining = false;
  };
  pglite.query = (<T>(...args: Parameters<PGlite['query']>) =>
    new Promise<Results<T>>((resolve, reject) => {
      queue.push(() => query<T>(...args).then(resolve, reject));
      if (!draining) {
        draining = true;
        void drain();
      }
    })) as PGlite['query'];
  return pglite;
}
