// The PostgreSQL session store: rolling sessions are touched on every request, but the expiry row is written at
// most about once a minute per session (one write fewer on nearly every page view).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';

const writes: string[] = [];
let app: TestApp | undefined;
after(() => app?.close());

test('page views within a minute do not rewrite the session expiry; the session stays valid', async () => {
  app = await startTestApp({}, { onQuery: (sql) => { if (/^UPDATE .*"Session"/i.test(sql)) writes.push(sql); } });
  const c = await app.as('officer');
  const row = async () => (await app!.prisma.session.findMany({ orderBy: { expire: 'desc' }, take: 1 }))[0];
  const before = await row();
  writes.length = 0;
  for (let i = 0; i < 5; i++) assert.equal((await c.get('/')).status, 200);
  assert.equal(writes.length, 0, `no session UPDATE for touches under a minute, saw ${writes.length}`);
  const afterViews = await row();
  assert.equal(afterViews.sid, before.sid);
  assert.equal(afterViews.expire.getTime(), before.expire.getTime());
  // an expiry that would move by more than a minute (as after a long pause) is written on the next view
  await app.prisma.session.update({ where: { sid: before.sid }, data: { expire: new Date(Date.now() + 60 * 60 * 1000) } });
  writes.length = 0;
  assert.equal((await c.get('/')).status, 200);
  const moved = await app.prisma.session.findUniqueOrThrow({ where: { sid: before.sid } });
  assert.ok(moved.expire.getTime() > Date.now() + 7 * 60 * 60 * 1000, 'the rolling expiry was written (8 hours ahead)');
  assert.equal(writes.length, 1, 'one UPDATE of the expiry');
});
