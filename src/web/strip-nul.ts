import querystring from 'node:querystring';
import type { Request, Response, NextFunction } from 'express';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL byte typed into any field would fail the write with a 500.
 * Remove it from every submitted string (nested arrays and objects too), in place.
 */
export function withoutNul<T>(v: T): T {
  if (typeof v === 'string') return (v.includes('\u0000') ? v.replace(/\u0000/g, '') : v) as T;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = withoutNul(v[i]);
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = withoutNul(o[k]);
  }
  return v;
}

/** Express "query parser" setting: the simple parser, without NUL bytes. */
export const queryWithoutNul = (s: string) => withoutNul(querystring.parse(s));

/** After the body parsers: the same for form and JSON bodies (multipart bodies are cleaned by the upload middleware). */
export function stripNulBody(req: Request, _res: Response, next: NextFunction): void {
  withoutNul(req.body);
  next();
}
