import path from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';

export const VIEWS_DIR = path.resolve(import.meta.dirname, '../../views');
const LAYOUT = path.join(VIEWS_DIR, 'layout.ejs');

type RenderOptions = Record<string, unknown> & { layout?: string | false; settings?: { 'view cache'?: boolean } };

/**
 * EJS with one layout: the page renders first, then views/layout.ejs wraps it as `body`.
 * A page can pass `layout: false` (exports, print views with their own shell) or another layout file.
 */
export function useViews(app: Express, cache: boolean): void {
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  if (cache) app.enable('view cache');
  app.engine('ejs', (file: string, options: object, cb: (e: unknown, html?: string) => void) => {
    const opts = options as RenderOptions;
    // includes name their file from views/ ('/partials/field'), resolved against `root` without a look at the disk:
    // a relative one costs an fs.existsSync on every include of every render (300 on a grid of 15 units; 4% of a
    // kept dashboard's CPU in the bench/ref-profile.ts profile)
    const ejsOpts = { cache: Boolean(opts.settings?.['view cache']), filename: file, root: VIEWS_DIR, async: false } as const;
    ejs.renderFile(file, opts, ejsOpts, (err, page) => {
      if (err) return cb(err);
      if (opts.layout === false) return cb(null, page);
      const layout = typeof opts.layout === 'string' ? path.join(VIEWS_DIR, opts.layout) : LAYOUT;
      ejs.renderFile(layout, { ...opts, body: page }, { ...ejsOpts, filename: layout }, cb);
    });
  });
}
