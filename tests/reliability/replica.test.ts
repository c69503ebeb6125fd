// Read replicas with a real PostgreSQL streaming replica on loopback (TEST_REPLICA_URL, set up by .ci/replica.sh).
// The test's database is cloned on the primary and reaches the standby by physical replication. The app reads the
// replica through a TCP relay here, so the test can cut it off as if the replica went down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { openReplicaClient, replicaReads, type Reads } from '../../src/db/replica.ts';
import { Client } from '../helpers/http.ts';
import { cloneTestDatabase, DEMO_PASSWORD, serverUrlFor, type TestDatabase } from '../helpers/db.ts';
import { sleep, waitFor } from './harness.ts';
import type { Res } from '../helpers/http.ts';

const REPLICA = process.env.TEST_REPLICA_URL;
const skip = !process.env.TEST_DATABASE_URL
  ? 'runs in the PostgreSQL pass (TEST_DATABASE_URL): the embedded database has no replica'
  : !REPLICA
    ? 'no streaming replica: set TEST_REPLICA_URL (`bash .ci/replica.sh start` makes one on port 5433 and prints it)'
    : undefined;

let db: TestDatabase;
let replicaUrl: string; // the clone on the standby, reached directly (the test's own checks)
let relay: Relay;
let reads: Reads;
let server: Server;
let base: string;
/** statements the app sent the replica, beside the freshness check */
let replicaStatements = 0;
let campaignId: number;

/** A TCP relay to the replica that can be cut (connections refused, open ones dropped) and joined again. */
type Relay = { port: number; cut(): Promise<void>; join(): Promise<void>; close(): Promise<void> };
async function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((inbound) => {
    const outbound = net.connect(target);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  const listen = (port: number) => new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  await listen(0);
  const port = (srv.address() as AddressInfo).port;
  const cut = async () => {
    const closed = new Promise((r) => srv.close(r));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { port, cut, join: () => listen(port), close: () => (srv.listening ? cut() : Promise.resolve()) };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** true once the standby has replayed everything the primary has written so far */
async function replicaCaughtUp(): Promise<boolean> {
  const [{ lsn }] = await query<{ lsn: string }>(db.url!, 'SELECT pg_current_wal_lsn()::text AS lsn');
  const [{ ok }] = await query<{ ok: boolean }>(replicaUrl, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
  return ok;
}

before(async () => {
  if (skip) return;
  db = await cloneTestDatabase();
  const name = new URL(db.url!).pathname.slice(1);
  replicaUrl = serverUrlFor(REPLICA!, name);
  assert.ok(await waitFor(replicaCaughtUp, 60_000), 'the cloned database reached the replica');
  const target = new URL(replicaUrl);
  relay = await startRelay({ host: target.hostname, port: Number(target.port || 5432) });
  const viaRelay = new URL(replicaUrl);
  viaRelay.port = String(relay.port);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  reads = replicaReads(db.prisma, openReplicaClient(viaRelay.toString(), {
    onQuery: (sql) => {
      if (!sql.includes('pg_last_wal_replay_lsn')) replicaStatements++;
    },
  }), { logger, retryAfterMs: 200, waitMs: 1_000 });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent' });
  const app = createApp({ config, logger, prisma: db.prisma, database: db, reads });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 0;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  campaignId = (await db.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
});

after(async () => {
  if (skip) return;
  await query(replicaUrl, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await reads?.close();
  await relay?.close();
  await db?.close();
});

async function signedIn(username: string): Promise<Client> {
  const c = new Client(base);
  await c.login(username, DEMO_PASSWORD);
  return c;
}

/** A unit's total in the ranking CSV. */
async function csvTotal(c: Client, unitCode: string): Promise<number> {
  const res = await c.get(`/campaigns/${campaignId}/ranking.csv`);
  assert.equal(res.status, 200);
  return totalIn(res.text, unitCode);
}
function totalIn(csv: string, unitCode: string): number {
  const lines = csv.split('\r\n');
  const head = lines[0].replace(/^\uFEFF/, '').split(',');
  const row = lines.find((l) => l.split(',')[head.indexOf('unit_code')] === unitCode);
  assert.ok(row, `${unitCode} is in the ranking CSV`);
  return Number(row.split(',')[head.indexOf('total')]);
}

/**
 * GET `path` (every answer 200) until the replica serves it: while other test files write, the standby can be a moment
 * behind the primary's WAL, and then the primary rightly serves.
 */
async function fromReplica(c: Client, path: string): Promise<Res> {
  for (let i = 0; i < 50; i++) {
    const before = { statements: replicaStatements, served: reads.stats.replica };
    const res = await c.get(path);
    assert.equal(res.status, 200, path);
    if (reads.stats.replica > before.served) {
      assert.ok(replicaStatements > before.statements, `${path} read from the replica (${replicaStatements - before.statements} statements)`);
      return res;
    }
    await sleep(200);
  }
  assert.fail(`${path} was never read from the replica`);
}

const pages = () => [
  `/campaigns/${campaignId}/dashboard`,
  `/campaigns/${campaignId}/ranking`,
  `/campaigns/${campaignId}/ranking.csv`,
  `/campaigns/${campaignId}/report`,
];

test('the replica serves the dashboards, the ranking, its export and the report', { skip, timeout: 120_000 }, async () => {
  const commander = await signedIn('commander');
  const [{ standby }] = await query<{ standby: boolean }>(replicaUrl, 'SELECT pg_is_in_recovery() AS standby');
  assert.equal(standby, true, 'TEST_REPLICA_URL is a standby');
  assert.ok(await waitFor(replicaCaughtUp, 30_000));
  for (const path of pages()) await fromReplica(commander, path);
  // the unit account's own dashboard, the same way
  await fromReplica(await signedIn('halong'), `/campaigns/${campaignId}/my-unit`);
});

test('read your own writes: with replay paused on the replica, a save shows at once (the primary serves)', { skip, timeout: 120_000 }, async () => {
  const officer = await signedIn('officer');
  const commander = await signedIn('commander');
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } });
  const period = await db.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } });
  const score = await db.prisma.score.findFirstOrThrow({
    where: { campaignId, periodId: period.id, unitId: unit.id, criterion: { kind: 'NORMAL' }, points: { not: null } },
    include: { criterion: true },
    orderBy: { criterionId: 'asc' },
  });
  const old = Number(score.points);
  const next = old + 0.5 <= Number(score.criterion.maxPoints) ? old + 0.5 : old - 0.5;
  const before = await csvTotal(commander, 'HALONG');

  let after = NaN;
  await query(replicaUrl, 'SELECT pg_wal_replay_pause()');
  try {
    const saved = await officer.post(`/campaigns/${campaignId}/periods/${period.id}/scores`, {
      [`p_${unit.id}_${score.criterionId}`]: String(next),
      [`v_${unit.id}_${score.criterionId}`]: String(score.version),
      reason: 'Kiểm tra bản sao đọc',
    });
    assert.equal(saved.status, 303, 'the save is acknowledged');
    // the replica really is behind: it still has the old points
    const [{ points }] = await query<{ points: string }>(replicaUrl, 'SELECT points::text FROM "Score" WHERE id = $1', [score.id]);
    assert.equal(Number(points), old, 'the paused replica has not replayed the save');
    const lagging = reads.stats.lagging;
    after = await csvTotal(commander, 'HALONG');
    assert.notEqual(after, before, 'the ranking shows the save just acknowledged');
    assert.equal(Math.round((after - before) * 1000), Math.round((next - old) * Number(score.criterion.weight) * 1000));
    assert.ok(reads.stats.lagging > lagging, 'the primary served it because the replica was behind');
    for (const path of pages()) assert.equal((await commander.get(path)).status, 200, path);
  } finally {
    await query(replicaUrl, 'SELECT pg_wal_replay_resume()');
  }
  // once replay goes on, the replica serves again, with the save
  assert.ok(await waitFor(replicaCaughtUp, 30_000));
  const again = await fromReplica(commander, `/campaigns/${campaignId}/ranking.csv`);
  assert.equal(totalIn(again.text, 'HALONG'), after, 'with the save');
});

/** A NORMAL score of `code` in period 1 (verified in the demo), with the step a save may change it by. */
async function normalScore(code: string) {
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code } });
  const score = await db.prisma.score.findFirstOrThrow({
    where: { campaignId, period: { seq: 1 }, unitId: unit.id, criterion: { kind: 'NORMAL' }, points: { not: null } },
    include: { criterion: true },
    orderBy: { criterionId: 'desc' },
  });
  const old = Number(score.points);
  const delta = old + 0.5 <= Number(score.criterion.maxPoints) ? 0.5 : -0.5;
  return { id: score.id, delta, weighted: delta * Number(score.criterion.weight) };
}

test('a ranking computed on the replica catches up with a save that was still in flight there', { skip, timeout: 120_000 }, async () => {
  // A standby's pg_current_snapshot() lists no in-progress transactions: the ranking cache must not take it at its
  // word when it later reads only what was written since (src/ranking/cache.ts).
  const commander = await signedIn('commander');
  const slow = await normalScore('HALONG');
  const other = await normalScore('MONGCAI');
  const before = await csvTotal(commander, 'HALONG');
  const inFlight = new pg.Client({ connectionString: db.url });
  await inFlight.connect();
  try {
    await inFlight.query('BEGIN');
    await inFlight.query('UPDATE "Score" SET points = points + $1 WHERE id = $2', [slow.delta, slow.id]);
    // a later transaction commits first, so the ranking is computed anew while the first is still open
    await query(db.url!, 'UPDATE "Score" SET points = points + $1 WHERE id = $2', [other.delta, other.id]);
    assert.ok(await waitFor(replicaCaughtUp, 30_000));
    const served = reads.stats.replica;
    assert.equal(await csvTotal(commander, 'HALONG'), before, 'the open save is not counted yet');
    assert.ok(reads.stats.replica > served, 'that ranking was computed on the replica');
    await inFlight.query('COMMIT');
  } finally {
    await inFlight.end();
  }
  const after = await csvTotal(commander, 'HALONG');
  assert.equal(Math.round((after - before) * 1000), Math.round(slow.weighted * 1000), 'the save committed last is in the ranking');
});

test('with the replica unreachable, the pages still answer 200 from the primary, and the replica comes back by itself', { skip, timeout: 120_000 }, async () => {
  const commander = await signedIn('commander');
  const unit = await signedIn('halong');
  await relay.cut();
  try {
    const down = reads.stats.down;
    for (const path of pages()) assert.equal((await commander.get(path)).status, 200, path);
    assert.equal((await unit.get(`/campaigns/${campaignId}/my-unit`)).status, 200);
    assert.ok(reads.stats.down > down, 'the primary served because the replica was unreachable');
  } finally {
    await relay.join();
  }
  const served = reads.stats.replica;
  assert.ok(
    await waitFor(async () => (await commander.get(`/campaigns/${campaignId}/ranking`)).status === 200 && reads.stats.replica > served, 30_000),
    'the replica serves again once it is reachable',
  );
});
