import { Router } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { pageFrom } from '../lib/paging.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { UserForm } from './schema.ts';
import { createUser, listUsers, setUserActive } from './service.ts';
import { pickQuery, unitPicker } from '../units/picker.ts';

export function usersRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const guard = requireCan('users.manage');
  // a national list of units is searched (?uq=), not listed in full
  const unitOptions = (uq: unknown, chosen: unknown) => unitPicker(prisma, { uq: pickQuery(uq), keep: [parseId(chosen)] });

  /** GET /admin/users: accounts list */
  r.get('/admin/users', guard, async (req, res) => {
    res.render('users/index', { title: res.locals.t('users.title'), list: await listUsers(prisma, pageFrom(req.query)) });
  });

  /** GET /admin/users/new: new account form */
  r.get('/admin/users/new', guard, async (req, res) => {
    const picker = await unitOptions(req.query.uq, req.query.unitId);
    res.render('users/new', { title: res.locals.t('users.new'), units: picker.units, picker, values: { role: 'UNIT', unitId: parseId(req.query.unitId) ?? '' } });
  });

  /** POST /admin/users: create an account */
  r.post('/admin/users', guard, async (req, res) => {
    const values = { ...req.body, password: '' };
    const fail = async (errors: object) => {
      const picker = await unitOptions('', values.unitId);
      res.status(400).render('users/new', { title: res.locals.t('users.new'), units: picker.units, picker, values, errors });
    };
    const form = parseForm(UserForm, req.body);
    if (!form.ok) return fail(form.errors);
    try {
      await createUser(prisma, actor(req), form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return fail(e.fields);
      throw e;
    }
    setFlash(req, 'success', 'users.created', { username: form.data.username });
    res.redirect(303, '/admin/users');
  });

  /** POST /admin/users/:id/active: activate or deactivate an account */
  r.post('/admin/users/:id/active', guard, async (req, res) => {
    const id = parseId(req.params.id);
    if (!id) throw new NotFoundError();
    await setUserActive(prisma, actor(req), id, req.body?.active === '1', String(req.id));
    setFlash(req, 'success', 'users.updated');
    res.redirect(303, '/admin/users');
  });
  return r;
}
