// Rendered-page cache for the read-heavy campaign pages (the command and unit dashboards, the ranking page).
//
// What is kept is the page's body, the HTML views/layout.ejs wraps, rendered once per campaign, change signal,
// viewer's scope (role and unit), language and URL. The layout around it (user name, unread count, language switch,
// flash, the CSRF token of the logout form) is rendered for every request, and the CSRF token a body carries (the
// ranking's publish form) is put in when it is served: nothing of one user reaches another.
//
// A body is kept as UTF-8 bytes, cut at its CSRF slots, and sent between the layout's two halves as bytes. Sending
// the layout with the body inside as one string made V8 build the whole page as one flat string for every request,
// and a Vietnamese page of over 64,000 characters is over 128 KB as a string, which V8 puts in its large-object
// space on pages of their own: about 0.7 ms of page faults each on the bench machine, against 10 µs just under it
// (bench/README.md, ninth round). The kept reference dashboard's app CPU went from about 4.5 to 2.9 ms a request.
//
// Freshness is exact: the signal is the campaign's RankingCounter, which the writing transaction itself moves at
// commit (n for what a ranking is computed from, pages for the rest of what the dashboards show: pledges,
// inspections, clusters, registrations, parent units; see prisma/migrations/*_page_changes). The route reads it
// before anything else, and a body is kept under the signal read before its data, so a page served is never older
// than the last write committed before the request. Access is checked for every request, hit or not (the route
// does it before asking here). Each app instance keeps its own cache; the signal is in the database.
import type { Response } from 'express';
import crypto from 'node:crypto';
import type { Db } from '../db/index.ts';
import type { Campaign } from '../generated/prisma/client.ts';

/** A rendered body and the layout's title: the body as UTF-8, in pieces between which the viewer's CSRF token goes. */
export type Page = { parts: Buffer[]; title: string };
type Entry = { page: Page; bytes: number };

const MAX_ENTRIES = 400;
const MAX_BYTES = 64 * 1024 * 1024;
/** a body larger than this is rendered each time rather than crowd out the others */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Stands in a cached body where the viewer's CSRF token goes (letters only: HTML escaping leaves it as it is). */
const CSRF_SLOT = `csrfslot${crypto.randomBytes(12).toString('hex')}`;
/** Stands in the layout where the kept body goes, when the layout is rendered for a request. */
const BODY_SLOT = `bodyslot${crypto.randomBytes(12).toString('hex')}`;

/** A key without its signal (see pageKey): the same page for the same viewer scope, language and URL. */
const pageOf = (key: string) => key.slice(key.indexOf('|') + 1);

class Lru {
  entries = new Map<string, Entry>();
  /**
   * the key each page was last kept under: a body kept under an older signal can never be served again (the signal
   * only grows), so it goes as soon as a newer one is kept instead of waiting for the LRU (bench: while officers
   * save, dead bodies piled up to the 64 MB bound)
   */
  latest = new Map<string, string>();
  bytes = 0;
  running = new Map<string, Promise<Page>>();
  /** each campaign's row as read under its ranking signal (the Campaign triggers move n) */
  campaigns = new Map<number, { n: string; row: Promise<Campaign | null> }>();
  hits = 0;
  misses = 0;

  get(key: string): Page | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.page;
  }

  set(key: string, page: Page): void {
    const bytes = page.parts.reduce((n, b) => n + b.length, 0) + 2 * (page.title.length + key.length);
    if (bytes > MAX_ENTRY_BYTES) return;
    this.delete(key);
    const id = pageOf(key), before = this.latest.get(id);
    if (before !== undefined) this.delete(before);
    this.entries.set(key, { page, bytes });
    this.latest.set(id, key);
    this.bytes += bytes;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) this.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
    const page = pageOf(key);
    if (this.latest.get(page) === key) this.latest.delete(page);
  }
}

/** per database client: a process may talk to several databases (tests do), where campaign ids repeat */
const caches = new WeakMap<Db, Lru>();
function cacheOf(db: Db): Lru {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Lru()));
  return c;
}

/**
 * Let a read replica's client use `primary`'s cache. A request reads from the replica only once it has replayed
 * every commit the primary had made when the request began (src/db/replica.ts), so the counter it reads there is
 * at least as new as the primary's was, and a body kept under that counter on either holds at least that data.
 */
export function sharePageCache(replica: Db, primary: Db): void {
  caches.set(replica, cacheOf(primary));
}

/** How often bodies were served from and rendered into the cache of `db` (the tests use it to tell hit from miss). */
export function pageCacheStats(db: Db): { hits: number; misses: number; entries: number; bytes: number } {
  const c = cacheOf(db);
  return { hits: c.hits, misses: c.misses, entries: c.entries.size, bytes: c.bytes };
}

export type PageSignal = { ranking: string; pages: string };

/** The campaign's change signal: one primary-key read, to be made before anything the page shows is read. */
export async function pageSignal(db: Db, campaignId: number): Promise<PageSignal> {
  const [row] = await db.$queryRaw<{ n: bigint; pages: bigint }[]>`SELECT "n", "pages" FROM "RankingCounter" WHERE "campaignId" = ${campaignId}`;
  return { ranking: String(row?.n ?? 0n), pages: `${row?.n ?? 0n}.${row?.pages ?? 0n}` };
}

/**
 * The campaign's row, read again only when its ranking signal moved (every write to "Campaign" moves it): the
 * access checks of a kept page then cost no statement of their own but the chain scope's.
 */
export function keptCampaign(db: Db, campaignId: number, signal: PageSignal): Promise<Campaign | null> {
  const { campaigns } = cacheOf(db);
  const hit = campaigns.get(campaignId);
  if (hit && hit.n === signal.ranking) return hit.row;
  const row = db.campaign.findUnique({ where: { id: campaignId } });
  campaigns.delete(campaignId);
  campaigns.set(campaignId, { n: signal.ranking, row });
  row.catch(() => campaigns.delete(campaignId));
  if (campaigns.size > MAX_ENTRIES) campaigns.delete(campaigns.keys().next().value!);
  return row;
}

/**
 * What a body depends on beyond the data: the viewer's role and unit (permissions in the templates), the language
 * and the URL (path and query). `version` is the part of the signal the page's data moves.
 */
export function pageKey(res: Response, version: string, who: { role: string; unitId: number | null }): string {
  return `${version}|${who.role}:${who.unitId ?? ''}|${res.locals.locale}|${res.locals.currentUrl}`;
}

/**
 * The body kept under `key`, or the one `render` makes (kept when it succeeds). Concurrent misses of one key
 * share one rendering.
 */
export async function cachedPage(db: Db, key: string, render: () => Promise<Page>): Promise<Page> {
  const c = cacheOf(db);
  const hit = c.get(key);
  if (hit) {
    c.hits++;
    return hit;
  }
  const pending = c.running.get(key);
  if (pending) return pending;
  c.misses++;
  const job = render().then((page) => {
    c.set(key, page);
    return page;
  });
  c.running.set(key, job);
  job.then(
    () => c.running.delete(key),
    () => c.running.delete(key),
  );
  return job;
}

/** Render `view` without the layout, as a body to keep: the viewer's CSRF token left as a slot. */
export function renderBody(res: Response, view: string, locals: Record<string, unknown>): Promise<Page> {
  return new Promise((resolve, reject) => {
    res.app.render(view, { ...res.locals, ...locals, csrfToken: CSRF_SLOT, layout: false }, (err, html) => {
      if (err) reject(err);
      else resolve({ parts: html.split(CSRF_SLOT).map((piece) => Buffer.from(piece)), title: typeof locals.title === 'string' ? locals.title : '' });
    });
  });
}

/**
 * Send a kept body inside views/layout.ejs, rendered for this request with the viewer's own header and token: the
 * layout's two halves encoded here, the body's bytes as kept.
 */
export function sendPage(res: Response, page: Page): void {
  res.render('layout', { layout: false, title: page.title, body: BODY_SLOT }, (err, html) => {
    if (err) return res.req.next!(err);
    const at = html.indexOf(BODY_SLOT);
    const token = Buffer.from(String(res.locals.csrfToken ?? ''));
    const out: Buffer[] = [Buffer.from(html.slice(0, at))];
    page.parts.forEach((piece, i) => out.push(...(i ? [token, piece] : [piece])));
    out.push(Buffer.from(html.slice(at + BODY_SLOT.length)));
    res.type('html').send(Buffer.concat(out));
  });
}
