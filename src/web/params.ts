import { NotFoundError } from '../errors.ts';
import { parseId } from '../lib/forms.ts';

/** A route id, or 404: a bad id in a URL is "not found", never a 400 or a 500. */
export function idParam(v: unknown): number {
  const id = parseId(v);
  if (!id) throw new NotFoundError();
  return id;
}
