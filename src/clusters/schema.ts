import { z } from 'zod';
import { f, isIdText } from '../lib/forms.ts';

const toList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** a member's id as a form or a JSON body sends it: text or a number, never an object */
const isMemberId = (v: unknown) => (typeof v === 'string' || typeof v === 'number') && isIdText(String(v));

export const ClusterForm = z
  .object({
    name: f.text(200),
    leadUnitId: z
      .string({ message: 'validation.required' })
      .trim()
      .min(1, 'validation.choice')
      .refine(isIdText, 'validation.choice')
      .transform(Number),
    // a value that is no id is a wrong choice beside the members (an issue on one element would be keyed memberIds.0)
    memberIds: z.preprocess(
      toList,
      z
        .array(z.unknown())
        .min(1)
        .max(1000)
        .refine((a) => a.every(isMemberId), 'validation.choice')
        .transform((a) => a.map(Number)),
    ),
    /** fingerprint of the cluster as it was when the edit form was read */
    state: z.string().max(64).optional(),
  })
  .refine((v) => typeof v.leadUnitId !== 'number' || !Array.isArray(v.memberIds) || v.memberIds.length === 0 || v.memberIds.includes(v.leadUnitId), {
    message: 'validation.leadMustBeMember',
    path: ['leadUnitId'],
  });
export type ClusterForm = z.infer<typeof ClusterForm>;
