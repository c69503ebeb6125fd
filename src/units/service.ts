import type { Db } from '../db/index.ts';
import { foldText } from '../lib/forms.ts';
import { paged, type Page } from '../lib/paging.ts';

/** Text stored for accent-insensitive search: folded code, name and short name. */
export function unitSearchText(u: { code: string; name: string; shortName?: string | null }): string {
  return foldText([u.code, u.name, u.shortName ?? ''].join(' '));
}

/** Units list, searchable with or without diacritics ("cam pha" finds "Cẩm Phả"). */
export async function listUnits(prisma: Db, opts: { q?: string; includeInactive?: boolean }, p: Page) {
  const q = foldText(opts.q ?? '');
  const where = {
    ...(opts.includeInactive ? {} : { active: true }),
    ...(q ? { searchText: { contains: q } } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.unit.findMany({
      where,
      orderBy: [{ parentId: { sort: 'asc', nulls: 'first' } }, { code: 'asc' }],
      skip: p.skip,
      take: p.size,
      include: { parent: { select: { code: true, name: true } } },
    }),
    prisma.unit.count({ where }),
  ]);
  return paged(items, total, p);
}
