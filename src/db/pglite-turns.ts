// Turns for the embedded database. PGlite runs PostgreSQL inside this process, and each query runs synchronously on
// the event loop. Queries waiting for PGlite follow one another in promise jobs, so while any request has a query
// waiting, the event loop does not get back to its I/O phase. Node 20 accepts at most one new connection per loop
// iteration (measured), so under load a new connection (a user opening the app, a browser's extra socket) waited
// until the queue ran dry: with 50 connections, the first request on a new socket waited up to 6 s to be accepted,
// while its own handling took 7–23 ms (bench/README.md, fifteenth round).
//
// Here the instance's queries go through one queue that yields to the event loop (setImmediate) once it has held
// it for SLICE_MS, so the loop accepts and reads at least every few milliseconds. The time counts from the loop's
// last check phase, not from the start of one drain: a page sends its queries one at a time, and the queue is empty
// whenever it looks between them, so a budget per drain was never spent and the loop went without a turn for
// 70–130 ms under load (bench/README.md, sixteenth round). The order of queries is kept, and PGlite serialises
// them anyway. Queries inside a transaction do not pass through here (PGlite hands a transaction its own query
// function, and holds every other query until the transaction ends).
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * How long the queue may run before it lets the event loop take a turn. Measured with 50 connections on the demo
 * data's command dashboard: 2 ms gave the lowest tails (p99 0.29–0.49 s) and no loss of throughput against 5, 10
 * and 20 ms, which left p99s of 0.42–0.65, 0.54–0.69 and 0.35–1.08 s.
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
  // A turn is the time the queue has held the loop since the loop last reached its check phase. Under load the
  // queue often runs dry for a moment: each request's next query is sent by its own promise job, after the queue
  // has looked. So a turn outlasts one drain, and ends only when the loop gets through (the setImmediate below).
  let turnStart = 0;
  let turnOpen = false;
  const openTurn = () => {
    turnStart = performance.now();
    turnOpen = true;
    setImmediate(() => (turnOpen = false));
  };
  const drain = async () => {
    if (!turnOpen) openTurn();
    while (queue.length > 0) {
      if (performance.now() - turnStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        openTurn();
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
