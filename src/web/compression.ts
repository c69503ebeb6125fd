// Compressed responses (gzip or Brotli, whichever the browser accepts), for the pages, the static files and the CSV
// exports: a national officer's grid is 149 kB of HTML and its ranking.csv 900 kB, over links that may be slow.
//
// Only for requests that the browser says come from this site or from the user (Sec-Fetch-Site `same-origin`, or
// `none`: typed, bookmarked). A page holds the session's CSRF token, and many pages echo what the request asked for
// (a search, a filter); compressed, such a page's length would tell an attacker who can send many requests in the
// user's name and watch their sizes on the wire how close a guess came to the token (BREACH). Requests another site
// starts are those (`cross-site`, also after a redirect through this site), so they get the page uncompressed. So do
// clients that send no Sec-Fetch-Site: scripts, and browsers older than 2023.
import zlib from 'node:zlib';
import compression from 'compression';
import type { Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';

const OWN = new Set(['same-origin', 'none']);

/** Whether a request comes from this site's own pages or from the user, by the browser's own word. */
function fromOwnSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' && OWN.has(site);
}

/**
 * Express middleware: compress what compression's own filter would (text types of 1 kB or more), for own-site
 * requests, at the fastest settings: Brotli at quality 1 with a 256 kB window (every browser that sends
 * Sec-Fetch-Site accepts it), gzip at level 1 otherwise. On the reference command dashboard (79 kB, kept) at 50
 * connections, the app's CPU a request: Brotli 1 4.35–5.03 ms, gzip 1 4.50–6.21, uncompressed 3.16–4.92 (fewer
 * bytes to write make up for most of the work); compression's own defaults, gzip at level 6 5.30–7.14 ms and Brotli
 * at quality 4 with a 4 MB window 16.9–19.0.
 * Sizes on the national data set: the dashboard 79 → 10 kB, the officer's grid 149 → 14 kB, ranking.csv 906 → 237
 * kB (bench/README.md, twenty-sixth round).
 */
export function compressOwnSiteResponses() {
  return compression({
    level: 1,
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
    filter: (req: Request, res: Response) => fromOwnSite(req) && compression.filter(req, res),
  });
}
