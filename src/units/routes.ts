import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { requireCan } from '../auth/guards.ts';
import { pageFrom } from '../lib/paging.ts';
import { listUnits } from './service.ts';

export function unitsRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /units: the unit registry, searchable and paged */
  r.get('/units', requireCan('units.view'), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const list = await listUnits(prisma, { q, includeInactive: req.query.inactive === '1' }, pageFrom(req.query));
    res.render('units/index', { title: res.locals.t('units.title'), list, q, inactive: req.query.inactive === '1' });
  });
  return r;
}
