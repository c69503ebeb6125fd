// Forms of the title catalogue and of an eligibility rule (the rule's numbers are checked per kind in rule-params.ts).
import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';
import { ISSUING_LEVELS } from './rule-params.ts';
import type { FieldErrors } from '../errors.ts';

export const QUOTA_BASES = ['NONE', 'UNITS', 'REGISTERED', 'HEADCOUNT', 'HOLDERS'] as const;
const version = () => z.coerce.number({ message: 'validation.staleForm' }).int().positive('validation.staleForm').max(INT4_MAX, 'validation.staleForm');
const optPercent = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : Number(v.trim().replace(',', '.'))) : v),
    z.number({ message: 'validation.number' }).finite().min(0).max(100).nullable(),
  );
const codes = () =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice')).max(50));

/** One catalogue entry (the code is fixed: rules and combinations name entries by code). */
export const CatalogueForm = z
  .object({
    version: version(),
    name: f.text(300),
    nameEn: f.optText(300),
    scope: z.enum(['COLLECTIVE', 'INDIVIDUAL'], { message: 'validation.choice' }),
    kind: z.enum(['TITLE', 'COMMENDATION'], { message: 'validation.choice' }),
    issuingLevel: z.enum(ISSUING_LEVELS, { message: 'validation.choice' }),
    legalBasis: f.text(4000),
    validFrom: f.date(),
    validTo: f.optDate(),
    forRegular: f.checkbox(),
    forPeak: f.checkbox(),
    rank: z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v), z.number({ message: 'validation.integer' }).int('validation.integer').min(0).max(1000)),
    defaultQuotaBase: z.enum(QUOTA_BASES, { message: 'validation.choice' }),
    defaultQuotaPercent: optPercent(),
    quotaBaseCode: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().regex(/^[A-Z0-9_]{1,20}$/, 'validation.choice').nullable()),
    quotaLegalBasis: f.optText(4000),
    combinesWith: codes(),
    active: f.checkbox(),
    // the council's secret-ballot threshold (share of ALL members) and its basis; left out of a form: kept as saved
    ballotPercent: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v.trim().replace(',', '.'))) : v),
      z.number().finite().min(0.01).max(100).optional(),
    ),
    ballotLegalBasis: z.string().trim().max(4000).optional().transform((v) => (v === undefined ? undefined : v === '' ? null : v)),
  });
export type CatalogueForm = z.infer<typeof CatalogueForm>;

/** Checks across fields, each message beside the field it concerns (run once the fields parsed). */
export function catalogueProblems(v: CatalogueForm): FieldErrors {
  const out: FieldErrors = {};
  if (v.validTo && v.validTo.getTime() < v.validFrom.getTime()) out.validTo = { key: 'catalogue.errors.validToBeforeFrom' };
  if (!v.forRegular && !v.forPeak) out.forRegular = { key: 'catalogue.errors.noUse' };
  if (v.defaultQuotaBase !== 'NONE' && v.defaultQuotaPercent === null) out.defaultQuotaPercent = { key: 'catalogue.errors.percentNeeded' };
  if (v.defaultQuotaBase === 'HOLDERS' && !v.quotaBaseCode) out.quotaBaseCode = { key: 'catalogue.errors.baseCodeNeeded' };
  return out;
}

/** A rule's switch and legal basis; its numbers are parsed by kind. */
export const RuleForm = z.object({
  version: version(),
  enabled: f.checkbox(),
  legalBasis: f.text(4000),
});
export type RuleForm = z.infer<typeof RuleForm>;
