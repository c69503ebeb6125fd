export const PAGE_SIZE = 25;

export type Page = { page: number; size: number; skip: number };
export type Paged<T> = { items: T[]; page: number; pages: number; total: number; size?: number };

/** Read ?page= safely: anything odd means page 1. */
export function pageFrom(query: unknown, size = PAGE_SIZE): Page {
  const raw = (query as { page?: unknown } | undefined)?.page;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
  return { page: n, size, skip: (n - 1) * size };
}

export function paged<T>(items: T[], total: number, p: Page): Paged<T> {
  return { items, total, page: p.page, size: p.size, pages: Math.max(1, Math.ceil(total / p.size)) };
}
