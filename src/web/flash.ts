// The one-shot message the page after a redirect shows ("300 cells saved"), carried in a signed cookie instead of the
// session: a save then writes no session row, and the page after it none either (each wrote the whole session, one
// upsert on every grid save and another on the page it led to: bench/save-profile.ts). The cookie holds a message key
// and its parameters, signed with the session secret so nobody can plant a message; it lives a minute at most and the
// first page that reads it clears it.
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export type Flash = { type: 'success' | 'error' | 'info'; key: string; params?: Record<string, string | number> };

const NAME = 'thidua.flash';
const CONFIG = Symbol('flash');
type Config = { secret: string; secure: boolean };
type WithConfig = Request & { [CONFIG]?: Config };

const sign = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('base64url');
const options = (c: Config) => ({ httpOnly: true, sameSite: 'lax' as const, secure: c.secure, path: '/' });

/** Lets setFlash and takeFlash sign and check the cookie of this request. */
export function flashCookie(secret: string, secure: boolean) {
  const config: Config = { secret, secure };
  return (req: Request, _res: Response, next: NextFunction): void => {
    (req as WithConfig)[CONFIG] = config;
    next();
  };
}

/** Show this message on the next page the user opens (after the redirect). */
export function setFlash(req: Request, type: Flash['type'], key: string, params?: Flash['params']): void {
  const c = (req as WithConfig)[CONFIG];
  if (!c || !req.res) return;
  const payload = Buffer.from(JSON.stringify({ type, key, params } satisfies Flash)).toString('base64url');
  req.res.cookie(NAME, `${payload}.${sign(c.secret, payload)}`, { ...options(c), maxAge: 60_000 });
}

/** The message set for this page, if any and if its signature holds; the cookie is cleared either way. */
export function takeFlash(req: Request, res: Response): Flash | null {
  const c = (req as WithConfig)[CONFIG];
  const raw = c ? cookieValue(req.headers.cookie, NAME) : null;
  if (!c || raw === null) return null;
  res.clearCookie(NAME, options(c));
  const [payload, mac] = raw.split('.');
  const expected = payload ? sign(c.secret, payload) : '';
  if (!mac || mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  try {
    const f = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Flash;
    return typeof f?.key === 'string' && ['success', 'error', 'info'].includes(f.type) ? f : null;
  } catch {
    return null;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
