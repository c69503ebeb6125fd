// The officer's grid and the pledge list keep their block pickers, participant count and pledge counts per campaign
// (src/dashboards/kept.ts): a view after the first reads none of them again, and a view after a change to clusters,
// participants, parent units or pledges shows the change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, statementRecorder, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { keptCampaignIds } from '../../src/dashboards/kept.ts';

let app: TestApp;
let campaignId: number;
let periodId: number;
const recorder = statementRecorder();

before(async () => {
  app = await startTestApp({}, { onQuery: recorder.onQuery });
  campaignId = (await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  periodId = (await app.prisma.period.findFirstOrThrow({ where: { campaignId, seq: 1 } })).id;
});
after(() => app.close());

/** The page, and the SQL statements the app sent to serve it. */
async function view(c: Client, path: string): Promise<{ html: string; sql: string[] }> {
  const { value: res, sql } = await recorder.during(() => c.get(path));
  assert.equal(res.status, 200, path);
  return { html: res.text, sql };
}

const readsOptions = (sql: string[]) => sql.some((s) => s.includes('"ClusterMember"'));
const countsUnits = (sql: string[]) => sql.some((s) => /count\(\*\)/i.test(s) && s.includes('CampaignUnit'));
/** "Cụm Đông Bắc (5 đơn vị)" → 5, for the picker's option of that label. */
function optionCount(html: string, label: string): number | null {
  const m = new RegExp(`<option value="\\d+"\\s*>${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((\\d+) đơn vị\\)</option>`).exec(html);
  return m ? Number(m[1]) : null;
}
const blockTotal = (html: string) => Number(/Đơn vị \d+–\d+ trong số (\d+)/.exec(html)![1]);

test('the officer’s grid reads its pickers and unit count once, and shows a change to clusters, parent units and participants', async () => {
  const c = await app.as('officer');
  const path = `/campaigns/${campaignId}/periods/${periodId}/scores`;
  const first = await view(c, path);
  assert.ok(readsOptions(first.sql) && countsUnits(first.sql), 'the first view reads the pickers and counts the participants');
  const again = await view(c, path);
  assert.ok(!readsOptions(again.sql), `a second view reads no picker:\n${again.sql.join('\n')}`);
  assert.ok(!countsUnits(again.sql), `a second view counts no unit:\n${again.sql.join('\n')}`);
  assert.equal(again.html.replace(/name="_csrf" value="[^"]+"/g, ''), first.html.replace(/name="_csrf" value="[^"]+"/g, ''));

  // a cluster renamed
  const halong = await app.prisma.unit.findFirstOrThrow({ where: { code: 'HALONG' } });
  const cluster = await app.prisma.cluster.findFirstOrThrow({ where: { members: { some: { unitId: halong.id } } }, include: { _count: { select: { members: true } } } });
  await app.prisma.cluster.update({ where: { id: cluster.id }, data: { name: 'Cụm đổi tên riêng' } });
  let html = (await view(c, path)).html;
  assert.equal(optionCount(html, 'Cụm đổi tên riêng'), cluster._count.members);

  // a unit leaves the cluster
  await app.prisma.clusterMember.deleteMany({ where: { clusterId: cluster.id, unitId: halong.id } });
  html = (await view(c, path)).html;
  assert.equal(optionCount(html, 'Cụm đổi tên riêng'), cluster._count.members - 1);

  // a new participant under a parent unit, and that parent renamed
  const total = blockTotal(html);
  const parent = await app.prisma.unit.findFirstOrThrow({ where: { id: halong.parentId! } });
  const parentLabel = parent.shortName ?? parent.name;
  const under = optionCount(html, parentLabel);
  assert.ok(under !== null, `the parent ${parentLabel} is a picker option`);
  const unit = await app.prisma.unit.create({ data: { code: 'KEPT1', name: 'Đơn vị mới tham gia', type: 'DETACHMENT', parentId: parent.id } });
  await app.prisma.campaignUnit.create({ data: { campaignId, unitId: unit.id } });
  html = (await view(c, path)).html;
  assert.equal(blockTotal(html), total + 1, 'one participant more');
  assert.equal(optionCount(html, parentLabel), under + 1);
  await app.prisma.unit.update({ where: { id: parent.id }, data: { shortName: 'Cấp trên đổi tên' } });
  assert.equal(optionCount((await view(c, path)).html, 'Cấp trên đổi tên'), under + 1);
});

test('the pledge list counts the statuses once, and shows a pledge’s new status at once', async () => {
  const c = await app.as('officer');
  const path = `/campaigns/${campaignId}/pledges`;
  const groupsByStatus = (sql: string[]) => sql.some((s) => /GROUP BY 1/.test(s) && s.includes('"Pledge"'));
  const stat = (html: string, status: string) => Number(new RegExp(`pl-stat-${status}"[^>]*><span class="stat-value">(\\d+)<`).exec(html)![1]);
  const first = await view(c, path);
  assert.ok(groupsByStatus(first.sql), 'the first view counts the statuses');
  const again = await view(c, path);
  assert.ok(!groupsByStatus(again.sql), `a second view does not:\n${again.sql.join('\n')}`);
  const approved = stat(again.html, 'approved');
  const returned = stat(again.html, 'returned');
  const pledge = await app.prisma.pledge.findFirstOrThrow({ where: { campaignId, status: 'APPROVED' } });
  await app.prisma.pledge.update({ where: { id: pledge.id }, data: { status: 'RETURNED' } });
  const after = (await view(c, path)).html;
  assert.equal(stat(after, 'approved'), approved - 1);
  assert.equal(stat(after, 'returned'), returned + 1);
  // a unit account's list is its own row, counted each time
  const unit = await app.prisma.user.findFirstOrThrow({ where: { role: 'UNIT', unitId: pledge.unitId } });
  const own = await view(await app.as(unit.username), path);
  assert.ok(groupsByStatus(own.sql));
  assert.equal(stat(own.html, 'returned'), 1);
});

test('a campaign that does not exist is refused on the grid and the pledge list, and nothing is kept for it', async () => {
  const c = await app.as('officer');
  assert.equal((await c.get(`/campaigns/999999/periods/${periodId}/scores`)).status, 404);
  assert.equal((await c.get('/campaigns/999999/pledges')).status, 404);
  assert.ok(keptCampaignIds(app.prisma).includes(campaignId), 'the demo campaign is kept (else this proves nothing)');
  assert.ok(!keptCampaignIds(app.prisma).includes(999999));
});
