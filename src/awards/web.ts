import { NotFoundError } from '../errors.ts';
import { parseId } from '../lib/forms.ts';

/** A route id, or 404. */
export function idParam(v: unknown): number {
  const n = parseId(v);
  if (!n) throw new NotFoundError();
  return n;
}
