import { Router, type Response } from 'express';
import type { FeatureDeps } from '../features.ts';
import { actor, requireCan } from '../auth/guards.ts';
import { can } from '../auth/policy.ts';
import { parseForm, parseId } from '../lib/forms.ts';
import { ValidationError, type FieldErrors } from '../errors.ts';
import { setFlash } from '../web/flash.ts';
import { ClusterForm } from './schema.ts';
import { ClusterChangedError, clusterState, createCluster, deleteCluster, getCluster, listClusters, memberOptions, updateCluster, type ClusterView } from './service.ts';
import { idParam } from '../web/params.ts';
import { pickQuery } from '../units/picker.ts';

type FormPage = { cluster: ClusterView | null; values: { name?: unknown; leadUnitId?: unknown; memberIds: number[]; state?: unknown }; errors?: FieldErrors; conflict?: ClusterView };

/** Checkbox values as ids, for re-ticking what was submitted. */
function submittedIds(v: unknown): number[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => parseId(x)).filter((x): x is number => x !== null);
}

function formValues(c: ClusterView) {
  return { name: c.name, leadUnitId: c.leadUnitId ?? '', memberIds: c.members.map((m) => m.unitId), state: clusterState(c) };
}

/** Member chips shown per cluster on the list. */
const CLUSTER_CHIPS = 30;

export function clustersRouter({ prisma }: FeatureDeps): Router {
  const r = Router();
  const manage = requireCan('units.manage');

  const renderForm = async (res: Response, status: number, page: FormPage, uq = '') => {
    const ticked = [...page.values.memberIds, ...(page.cluster?.members.map((m) => m.unitId) ?? []), parseId(page.values.leadUnitId) ?? 0];
    const picker = await memberOptions(prisma, page.cluster?.id, { uq, ticked });
    const title = res.locals.t(page.cluster ? 'clusters.editTitle' : 'clusters.new');
    res.status(status).render('clusters/form', { title, units: picker.units, picker, conflict: null, errors: {}, ...page });
  };
  const typed = (body: Record<string, unknown> | undefined) => ({ ...body, memberIds: submittedIds(body?.memberIds) });

  /** GET /clusters: emulation clusters with their leading unit and (the first CLUSTER_CHIPS of their) members */
  r.get('/clusters', requireCan('units.view'), async (req, res) => {
    // a national cluster can hold hundreds of units: name the first ones, count them all
    const clusters = (await listClusters(prisma)).map((c) => ({ ...c, memberCount: c.members.length, members: c.members.slice(0, CLUSTER_CHIPS) }));
    res.render('clusters/index', { title: res.locals.t('clusters.title'), clusters, canManage: can(req.user, 'units.manage') });
  });

  /** GET /clusters/new: new cluster form (?uq= finds units to add when they are too many to list) */
  r.get('/clusters/new', manage, async (req, res) => {
    await renderForm(res, 200, { cluster: null, values: { memberIds: [] } }, pickQuery(req.query.uq));
  });

  /** POST /clusters: admin creates a cluster */
  r.post('/clusters', manage, async (req, res) => {
    const values = typed(req.body);
    const form = parseForm(ClusterForm, req.body);
    if (!form.ok) return renderForm(res, 400, { cluster: null, values, errors: form.errors });
    try {
      await createCluster(prisma, actor(req), form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(res, 400, { cluster: null, values, errors: e.fields });
      throw e;
    }
    setFlash(req, 'success', 'clusters.created', { name: form.data.name });
    res.redirect(303, '/clusters');
  });

  /** GET /clusters/:id/edit: edit form, carrying a fingerprint of what it shows (?uq= finds units to add) */
  r.get('/clusters/:id/edit', manage, async (req, res) => {
    const cluster = await getCluster(prisma, idParam(req.params.id));
    await renderForm(res, 200, { cluster, values: formValues(cluster) }, pickQuery(req.query.uq));
  });

  /** POST /clusters/:id: admin saves a cluster; a concurrent change is refused with 409 and nothing written */
  r.post('/clusters/:id', manage, async (req, res) => {
    const cluster = await getCluster(prisma, idParam(req.params.id));
    const values = typed(req.body);
    const form = parseForm(ClusterForm, req.body);
    if (!form.ok) return renderForm(res, 400, { cluster, values, errors: form.errors });
    try {
      await updateCluster(prisma, actor(req), cluster.id, form.data, String(req.id));
    } catch (e) {
      if (e instanceof ValidationError) return renderForm(res, 400, { cluster, values, errors: e.fields });
      if (e instanceof ClusterChangedError) return renderForm(res, 409, { cluster: e.current, values: { ...values, state: clusterState(e.current) }, conflict: e.current });
      throw e;
    }
    setFlash(req, 'success', 'clusters.updated', { name: form.data.name });
    res.redirect(303, '/clusters');
  });

  /** POST /clusters/:id/delete: admin deletes a cluster (its units stay) */
  r.post('/clusters/:id/delete', manage, async (req, res) => {
    const gone = await deleteCluster(prisma, actor(req), idParam(req.params.id), String(req.id));
    setFlash(req, 'success', 'clusters.deleted', { name: gone.name });
    res.redirect(303, '/clusters');
  });

  return r;
}
