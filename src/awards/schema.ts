import { z } from 'zod';
import { f } from '../lib/forms.ts';
import { readVnd } from '../lib/money.ts';

/** checkbox values "5-u3" / "5-p8" (see suggest.ts), one or many */
const picks = () =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d{1,9}-[up]\d{1,9}$/, 'validation.choice')).max(2000),
  );

/** New proposal: the candidates ticked among the suggestions, and a note. */
export const CreateForm = z.object({
  note: f.optText(2000),
  pick: picks().pipe(z.array(z.string()).min(1)),
});
export type CreateForm = z.infer<typeof CreateForm>;

const ItemFields = z.object({
  reason: f.optText(2000),
  achievements: f.optText(4000),
  remove: f.checkbox(),
});

/** Edit a draft or returned proposal: each line's reason and achievements, lines removed, candidates added.
 * Lines are keyed "i<id>" (item[i12][reason]): numeric keys would turn into a compacted array in the body parser. */
export const EditForm = z
  .object({
    version: f.id(),
    note: f.optText(2000),
    item: z.preprocess((v) => (v === undefined || v === '' ? {} : v), z.record(z.string().regex(/^i\d{1,9}$/), ItemFields)),
    pick: picks(),
  })
  .superRefine((v, ctx) => {
    for (const [id, it] of Object.entries(v.item)) {
      if (!it.remove && !it.reason) ctx.addIssue({ code: 'custom', path: ['item', id, 'reason'], message: 'validation.required' });
    }
    const kept = Object.values(v.item).filter((it) => !it.remove).length;
    if (kept + v.pick.length === 0) ctx.addIssue({ code: 'custom', path: ['_form'], message: 'validation.pickAtLeast', params: { min: 1 } });
  });
export type EditForm = z.infer<typeof EditForm>;

/** Submit or approve: the version the page showed, so a changed proposal is not acted on blindly. */
export const ActForm = z.object({ version: f.id() });

/** Return to the officer: the reason is required. */
export const ReturnForm = z.object({ version: f.id(), reason: f.text(2000) });
export type ReturnForm = z.infer<typeof ReturnForm>;

/** Issue the decision (quyết định khen thưởng). */
export const DecisionForm = z.object({
  version: f.id(),
  number: f.text(100),
  date: f.date(),
  signingAuthority: f.text(300),
  signerName: f.optText(200),
});
export type DecisionForm = z.infer<typeof DecisionForm>;

/** Revoke one award: the legal ground (a RevocationGround code), the reason, the revoking decision's number, and
 * what was recovered: the certificate (checkbox) and money in đồng ("1.500.000" as typed in Vietnamese). */
export const RevokeForm = z.object({
  groundCode: z.string().trim().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice'),
  reason: f.text(2000),
  decisionNo: f.text(100),
  certificateRecovered: f.checkbox(),
  moneyRecovered: z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v ?? null;
    const n = readVnd(v);
    if (n === undefined) return null;
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: 'custom', message: 'validation.money' });
      return z.NEVER;
    }
    return n;
  }, z.number().int().min(0).max(999_999_999_999_99).nullable()),
  recoveryNote: f.optText(2000),
});
export type RevokeForm = z.infer<typeof RevokeForm>;

/** Resolve a flag raised on an award: the commander's note is required. */
export const ResolveFlagForm = z.object({ resolution: f.text(2000) });
export type ResolveFlagForm = z.infer<typeof ResolveFlagForm>;
