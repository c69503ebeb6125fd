// DATABASE_REPLICA_URL: a streaming replica of the PostgreSQL server in DATABASE_URL (src/db/replica.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', DATA_DIR: '/nonexistent' };

test('DATABASE_REPLICA_URL is read beside DATABASE_URL', () => {
  const c = loadConfig({ ...base, DATABASE_URL: 'postgres://u:p@primary/thidua', DATABASE_REPLICA_URL: 'postgres://u:p@replica/thidua' });
  assert.equal(c.replicaUrl, 'postgres://u:p@replica/thidua');
  assert.equal(loadConfig({ ...base, DATABASE_URL: 'postgres://u:p@primary/thidua' }).replicaUrl, undefined);
});

test('DATABASE_REPLICA_URL without DATABASE_URL is refused, saying the embedded database has no replica', () => {
  assert.throws(() => loadConfig({ ...base, DATABASE_REPLICA_URL: 'postgres://u:p@replica/thidua' }), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /DATABASE_REPLICA_URL: needs DATABASE_URL/);
    assert.match(e.message, /embedded database has none/);
    return true;
  });
});

test('DATABASE_REPLICA_URL must be a postgres:// URL', () => {
  assert.throws(() => loadConfig({ ...base, DATABASE_URL: 'postgres://u:p@primary/thidua', DATABASE_REPLICA_URL: 'mysql://replica/x' }), /DATABASE_REPLICA_URL: must be a postgres:\/\/ URL/);
});
