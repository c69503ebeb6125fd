// The stored official order of units (issue 12, migration unit_sort_name): "sortRank" and "sortName" are kept by a
// trigger on every write, and must equal the order computed on the spot from TYPE_ORDER and foldedSql
// (src/units/order.ts), whoever writes the row and whatever changes in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { TYPE_ORDER, foldedSql, officialOrderExprSql, officialOrderSql } from '../../src/units/order.ts';
import { foldText } from '../../src/lib/forms.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(() => app.close());

type Row = { id: number; sortRank: number; sortName: string; rank: number; folded: string };

async function keys(tag: string): Promise<Row[]> {
  return app.prisma.$queryRawUnsafe<Row[]>(
    `SELECT u.id, u."sortRank" AS "sortRank", u."sortName" AS "sortName",
            array_position(ARRAY[${TYPE_ORDER.map((t) => `'${t}'`).join(',')}]::text[], u.type::text) AS rank,
            ${foldedSql('COALESCE(u."shortName", u.name)')} AS folded
     FROM "Unit" u WHERE u.code LIKE $1 ORDER BY u.code`,
    `${tag}%`,
  );
}

test('every unit type and a Vietnamese name get the stored keys the official order computes', async () => {
  const tag = `SK${randomUUID().slice(0, 6).toUpperCase()}`;
  await app.prisma.unit.createMany({
    data: TYPE_ORDER.map((type, i) => ({ code: `${tag}${i}`, name: `Đơn vị Ấp Đông Ỷ Lại ${i}`, shortName: i % 2 ? `Đội Ước Ơn ${i}` : null, type })),
  });
  const rows = await keys(tag);
  assert.equal(rows.length, TYPE_ORDER.length);
  for (const r of rows) {
    assert.equal(r.sortRank, r.rank);
    assert.equal(r.sortName, r.folded);
  }
  // the fold is foldText's (lower case, no diacritics)
  assert.equal(rows[1].sortName, foldText('Đội Ước Ơn 1'));
  assert.equal(rows[0].sortName, foldText('Đơn vị Ấp Đông Ỷ Lại 0'));
});

test('a rename, a new short name, a new type or a hand-written key keep the stored keys right', async () => {
  const tag = `SK${randomUUID().slice(0, 6).toUpperCase()}`;
  const u = await app.prisma.unit.create({ data: { code: `${tag}A`, name: 'Trung đoàn Ấn', type: 'REGIMENT' } });
  await app.prisma.unit.update({ where: { id: u.id }, data: { name: 'Bộ chỉ huy Ơn', type: 'PROVINCIAL_COMMAND' } });
  let [r] = await keys(tag);
  assert.deepEqual([r.sortRank, r.sortName], [r.rank, r.folded]);
  assert.equal(r.sortName, 'bo chi huy on');
  await app.prisma.unit.update({ where: { id: u.id }, data: { shortName: 'BCH Đà' } });
  [r] = await keys(tag);
  assert.equal(r.sortName, 'bch da');
  await app.prisma.$executeRawUnsafe(`UPDATE "Unit" SET "sortRank" = 1, "sortName" = 'zzz' WHERE id = $1`, u.id);
  [r] = await keys(tag);
  assert.deepEqual([r.sortRank, r.sortName], [r.rank, 'bch da']);
});

test('the stored order and the computed order list units the same way', async () => {
  const tag = `SK${randomUUID().slice(0, 6).toUpperCase()}`;
  const names = ['Ấp Bắc', 'Anh Sơn', 'ấp bắc', 'Đông Hà', 'Dương Minh Châu', 'Zét', 'An Biên', 'Ân Thi'];
  await app.prisma.unit.createMany({
    data: names.flatMap((name, i) => [
      { code: `${tag}${i}a`, name, type: i % 3 ? ('DISTRICT_COMMAND' as const) : ('REGIMENT' as const) },
      { code: `${tag}${i}b`, name: `${name} x`, shortName: name, type: 'DISTRICT_COMMAND' as const },
    ]),
  });
  const order = async (sql: string) =>
    (await app.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT u.id FROM "Unit" u WHERE u.code LIKE $1 ORDER BY ${sql}`, `${tag}%`)).map((x) => x.id);
  const stored = await order(officialOrderSql('u'));
  assert.equal(stored.length, 2 * names.length);
  assert.deepEqual(stored, await order(officialOrderExprSql('u')));
});
