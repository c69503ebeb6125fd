import { z } from 'zod';
import { f, isIdText } from '../lib/forms.ts';

export const ClusterForm = z
  .object({
    name: f.text(200),
    leadUnitId: z
      .string({ message: 'validation.required' })
      .trim()
      .min(1, 'validation.choice')
      .refine(isIdText, 'validation.choice')
      .transform(Number),
    memberIds: f.ids().pipe(z.array(z.number()).min(1).max(1000)),
    /** fingerprint of the cluster as it was when the edit form was read */
    state: z.string().max(64).optional(),
  })
  .refine((v) => typeof v.leadUnitId !== 'number' || !Array.isArray(v.memberIds) || v.memberIds.length === 0 || v.memberIds.includes(v.leadUnitId), {
    message: 'validation.leadMustBeMember',
    path: ['leadUnitId'],
  });
export type ClusterForm = z.infer<typeof ClusterForm>;
