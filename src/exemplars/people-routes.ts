import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireAuth } from '../auth/guards.ts';
import { parseId } from '../lib/forms.ts';
import { NotFoundError } from '../errors.ts';
import { personRecord } from './history.ts';
import { personInitiatives } from '../initiatives/service.ts';

export function peopleRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  /** GET /people/:id: a person's individual registrations and awards across campaigns (staff; a unit account: its own people) */
  r.get('/people/:id', requireAuth, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    const data = await personRecord(prisma, actor(req), id);
    res.render('exemplars/person', { title: data.person.fullName, ...data, initiatives: await personInitiatives(prisma, id) });
  });
  return r;
}
