// Named prepared statements on a PostgreSQL server (src/db/statement-names.ts) and their switch (src/config.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementNames } from '../../src/db/statement-names.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

test('a text is named from its second use on, the same name each time, and unnamed past the cap', () => {
  const name = statementNames(2);
  const use = (sql: string) => name({ sql });
  assert.equal(use('SELECT 1'), '', 'a text seen once goes unnamed');
  const a = use('SELECT 1');
  assert.match(a, /^t_[A-Za-z0-9_-]{24}$/, 'named at its second use');
  assert.equal(use('SELECT 1'), a, 'the same text, the same name');
  use('SELECT 2');
  const b = use('SELECT 2');
  assert.ok(b && b !== a, 'another text, another name');
  use('SELECT 3');
  assert.equal(use('SELECT 3'), '', 'a third text past a cap of two stays unnamed');
  assert.equal(use('SELECT 1'), a, 'the texts named before keep their names');
  const other = statementNames(2);
  other({ sql: 'SELECT 3' });
  assert.notEqual(other({ sql: 'SELECT 3' }), '', 'another client has its own count');
});

const base = { NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', DATA_DIR: '/nonexistent' };

test('DATABASE_PREPARED_STATEMENTS: on unless turned off, and a bad value is refused', () => {
  assert.equal(loadConfig(base).preparedStatements, true);
  assert.equal(loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: 'false' }).preparedStatements, false);
  assert.equal(loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: '1' }).preparedStatements, true);
  assert.throws(() => loadConfig({ ...base, DATABASE_PREPARED_STATEMENTS: 'sometimes' }), (e: Error) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /DATABASE_PREPARED_STATEMENTS/);
    return true;
  });
});
