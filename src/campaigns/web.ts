// Small HTTP helpers shared by the setup routes: render a step page, turn a failed save into a re-rendered form.
import type { Request, Response } from 'express';
import type { Db } from '../db/index.ts';
import type { Campaign } from '../generated/prisma/client.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { nextStep, setupLocals, stepHref, type Step } from './setup.ts';
import { idParam } from '../web/params.ts';

/** The :id of the route, or 404. */
export function campaignId(req: Request): number {
  return idParam(req.params.id);
}

/** Render a setup step with its heading, step indicator and progress. */
export async function renderStep(res: Response, prisma: Db, view: string, campaign: Campaign, step: Step, locals: Record<string, unknown>, status = 200): Promise<void> {
  const t = res.locals.t as (k: string) => string;
  res.status(status).render(view, { title: `${t(`campaigns.steps.${step}`)} · ${campaign.name}`, ...(await setupLocals(prisma, campaign, step)), ...locals });
}

/**
 * A save that failed in a way the user can fix: field errors (400) or a concurrent change (409) are shown on
 * the same form with what was typed. Anything else is rethrown to the error handler.
 */
export function failureOf(e: unknown): { status: number; errors: FieldErrors } {
  if (e instanceof ValidationError) return { status: 400, errors: e.fields };
  if (e instanceof ConflictError) return { status: 409, errors: { _form: { key: e.key, params: e.params } } };
  throw e;
}

/** After a save: the next step when the admin pressed "save and continue", else the same step again. */
export function afterSave(req: Request, id: number, step: Step): string {
  return (req.body as { go?: unknown } | undefined)?.go === 'next' ? nextStep(id, step) : stepHref(id, step);
}

/**
 * The values to show again after a failed save. After a concurrent change (409) the form takes the current
 * version, so saving again, once the admin has checked, applies what they typed.
 */
export function keepTyped(body: unknown, campaign: Pick<Campaign, 'version'>, status: number): Record<string, unknown> {
  const values = (body ?? {}) as Record<string, unknown>;
  return status === 409 ? { ...values, version: String(campaign.version) } : values;
}

export const requestIdOf = (req: Request): string => String(req.id);
