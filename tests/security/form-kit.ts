// Helpers for the XSS and fuzz tests: read a page's form as a browser would submit it, change some
// fields, post it back; hostile strings; and a checksum of tables to prove a refused request wrote nothing.
import type { Client, Res } from '../helpers/http.ts';
import type { TestApp } from '../helpers/app.ts';

export type Fields = [string, string][];

const decode = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attr = (attrs: string, name: string) => attrs.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];

/** The fields of the first POST form whose action matches, in document order, as a browser would send them. */
export function readForm(html: string, action: RegExp): { action: string; fields: Fields; multipart: boolean } {
  const forms = html.match(/<form\b[^>]*method="post"[^>]*>[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((f) => action.test(decode(f.match(/action="([^"]*)"/)?.[1] ?? '')));
  if (!form) throw new Error(`no form with action ${action} on the page`);
  const fields: Fields = [];
  for (const m of form.matchAll(/<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const attrs = m[1] ?? m[2] ?? m[4];
    const name = attr(attrs, 'name');
    if (!name || /\bdisabled\b/.test(attrs)) continue;
    if (m[2] !== undefined) fields.push([name, decode(m[3].replace(/^\n/, ''))]);
    else if (m[4] !== undefined) {
      const opts = [...m[5].matchAll(/<option\b([^>]*)>([^<]*)/gi)];
      let chosen = opts.find((o) => /\bselected\b/.test(o[1])) ?? opts[0];
      // a required select still on its "pick one" placeholder: a user would pick the first real choice
      if (chosen && attr(chosen[1], 'value') === '' && /\brequired\b/.test(attrs)) chosen = opts.find((o) => attr(o[1], 'value') !== '') ?? chosen;
      if (chosen) fields.push([name, decode(attr(chosen[1], 'value') ?? chosen[2].trim())]);
    } else {
      const type = (attr(attrs, 'type') ?? 'text').toLowerCase();
      if (['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attrs)) continue;
      fields.push([name, decode(attr(attrs, 'value') ?? (type === 'checkbox' ? 'on' : ''))]);
    }
  }
  return { action: decode(form.match(/action="([^"]*)"/)![1]), fields, multipart: /enctype="multipart\/form-data"/.test(form) };
}

/** Replace the value of every field whose name matches (adding it when absent and `add` is set). */
export function setFields(fields: Fields, changes: Record<string, string>): Fields {
  const out = fields.map(([k, v]): [string, string] => [k, k in changes ? changes[k] : v]);
  for (const [k, v] of Object.entries(changes)) if (!fields.some(([n]) => n === k)) out.push([k, v]);
  return out;
}

/** GET the page, fill its form with `changes`, POST it back (urlencoded or multipart as the form says). */
export async function submit(c: Client, page: string, action: RegExp, changes: Record<string, string>, files: { name: string; bytes: Buffer }[] = []): Promise<Res> {
  const res = await c.get(page);
  if (res.status !== 200) throw new Error(`GET ${page} answered ${res.status}`);
  const form = readForm(res.text, action);
  const fields = setFields(form.fields, changes).filter(([k]) => k !== '_csrf');
  if (form.multipart || files.length) {
    const fd = new FormData();
    fd.append('_csrf', c.csrf);
    for (const [k, v] of fields) fd.append(k, v);
    for (const f of files) fd.append('files', new Blob([new Uint8Array(f.bytes)], { type: 'application/octet-stream' }), f.name);
    return c.request('POST', form.action, fd);
  }
  return c.post(form.action, new URLSearchParams(fields));
}

/** Hostile strings: tag and attribute breakouts, javascript: URLs, template syntax, unicode tricks, NUL. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(1)',
  '</textarea><script>x</script>',
  '{{7*7}}<%= 7*7 %>',
  '\u202Etxt.exe',
  'a\u200Db\u200Bc\uFEFF',
  '＜script＞alert(1)＜/script＞',
  'nul\u0000byte',
];

/** One string carrying every hostile piece, tagged so a page can be searched for where it lands. */
export function payload(tag: string, max = 400): string {
  return `${tag} ${HOSTILE.join(' ')}`.slice(0, max);
}

/** A shorter payload for short fields (≤ 50 characters): still a tag breakout with a handler. */
export function shortPayload(tag: string): string {
  return `${tag}"><svg onload=alert(1)>`;
}

/**
 * Raw hostile markup on a page: a script tag we did not write, an inline handler inside a tag,
 * a javascript: link. The app's own pages carry no inline scripts or handlers (strict CSP), so any hit is ours.
 */
export function unescapedHits(html: string): string[] {
  const hits: string[] = [];
  // every start tag, attribute by attribute: escaped text inside a quoted value is not a handler
  for (const m of html.matchAll(/<([a-z][\w-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/gi)) {
    const [tag, name, attrs] = m;
    if (name.toLowerCase() === 'script' && !/^<script src="\/public\/[^"]+"( defer)?>$/.test(tag)) hits.push(tag);
    for (const a of attrs.matchAll(/([^\s=>"'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      const attrName = a[1].toLowerCase();
      const value = (a[2] ?? a[3] ?? a[4] ?? '').trim().toLowerCase();
      if (attrName.startsWith('on')) hits.push(tag.slice(0, 200));
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attrName) && value.startsWith('javascript:')) hits.push(tag.slice(0, 200));
    }
  }
  if (html.includes('</textarea><script>')) hits.push('</textarea><script>');
  return hits;
}

/** Row counts and a content checksum of the given tables (PostgreSQL md5 over each row's text). */
export async function checksum(app: TestApp, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await app.prisma.$queryRawUnsafe<{ n: bigint; h: string | null }[]>(`SELECT count(*) AS n, md5(coalesce(string_agg(md5(x::text), ',' ORDER BY md5(x::text)), '')) AS h FROM "${t}" x`);
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

/** Ids of the demo data the security tests aim at: the campaign, its first two periods, Hạ Long and Móng Cái. */
export async function demoIds(app: TestApp): Promise<{ c: number; p1: number; p2: number; hid: number; mid: number }> {
  const p = app.prisma;
  const c = (await p.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' } })).id;
  const period = async (seq: number) => (await p.period.findFirstOrThrow({ where: { campaignId: c, seq } })).id;
  const unit = async (code: string) => (await p.unit.findUniqueOrThrow({ where: { code } })).id;
  return { c, p1: await period(1), p2: await period(2), hid: await unit('HALONG'), mid: await unit('MONGCAI') };
}

/** A change to a real form's fields (fuzz tests): values replaced and fields dropped by position, strangers added. */
export type MutationValue = { replace: [number, unknown][]; drop: number[]; extra?: [string, unknown][]; json: boolean };

/** The form's fields (without its CSRF token) with the mutation applied. */
export function mutate(fields: Fields, m: MutationValue): [string, unknown][] {
  const out: [string, unknown][] = fields.filter(([k]) => k !== '_csrf').map(([k, v]) => [k, v]);
  for (const [i, v] of m.replace) if (out.length) out[i % out.length][1] = v;
  for (const i of m.drop) if (out.length) out.splice(i % out.length, 1);
  return [...out, ...(m.extra ?? [])];
}

/** Pairs as a body: JSON, or form-encoded as qs reads it (arrays repeated, objects as k[kk]) with the CSRF token. */
export function encode(pairs: [string, unknown][], json: boolean, csrf: string): { body: string; type: string } {
  if (json) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of pairs) o[k] = v;
    return { body: JSON.stringify(o), type: 'application/json' };
  }
  const p = new URLSearchParams();
  const add = (k: string, v: unknown): void => {
    if (v === undefined) return;
    if (Array.isArray(v)) v.forEach((x) => add(k, x));
    else if (v && typeof v === 'object') for (const [kk, vv] of Object.entries(v)) add(`${k}[${kk}]`, vv);
    else p.append(k, String(v));
  };
  for (const [k, v] of pairs) add(k, v);
  p.set('_csrf', csrf);
  return { body: p.toString(), type: 'application/x-www-form-urlencoded' };
}
