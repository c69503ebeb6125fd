// The files under /public (CSS, JS, images), each linked with a fingerprint of its content:
// `/public/css/app.css?v=3f2a9c1b0d`. A browser keeps a fingerprinted file for a year without asking again, and an
// upgrade that changes the file changes its link, so no one runs last release's script against this release's pages
// (a plain week-long cache did exactly that for up to a week after an upgrade). Any other request for a file
// (no fingerprint, or an old one) is answered afresh and revalidated by its ETag every time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';

const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../public');
const KEEP = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** sha256 of each file under `dir`, first 10 hex digits, by its URL (`/public/css/app.css`). */
function fingerprints(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, rel);
    if (!fs.statSync(file).isFile()) continue;
    out.set(`/public/${rel.split(path.sep).join('/')}`, crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10));
  }
  return out;
}

export type StaticAssets = {
  /** the link to a file under /public, with its fingerprint (unchanged if there is no such file) */
  asset(url: string): string;
  /** serves /public; mount it at /public */
  serve: RequestHandler;
};

/**
 * Read the fingerprints once: the files change only with a release. In development, where they are edited while the
 * app runs, every file is revalidated instead (a fingerprint read at start would keep an edited file's old copy).
 */
export function staticAssets(opts: { development: boolean }): StaticAssets {
  const prints = fingerprints(PUBLIC_DIR);
  const setHeaders = (res: Response, file: string) => {
    const url = `/public/${path.relative(PUBLIC_DIR, file).split(path.sep).join('/')}`;
    const given = new URL(res.req.originalUrl, 'http://x').searchParams.get('v');
    res.setHeader('Cache-Control', !opts.development && given !== null && given === prints.get(url) ? KEEP : REVALIDATE);
  };
  return {
    asset: (url) => {
      const print = prints.get(url);
      return print ? `${url}?v=${print}` : url;
    },
    serve: express.static(PUBLIC_DIR, { index: false, cacheControl: false, setHeaders }),
  };
}
