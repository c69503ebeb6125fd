import { z } from 'zod';
import { f, INT4_MAX } from '../lib/forms.ts';

export const UserForm = z
  .object({
    username: z.string().trim().toLowerCase().min(3, 'validation.usernameFormat').max(64).regex(/^[a-z0-9._-]+$/, 'validation.usernameFormat'),
    fullName: f.text(200),
    role: z.enum(['ADMIN', 'OFFICER', 'COMMANDER', 'UNIT']),
    unitId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number().int().positive().max(INT4_MAX).nullable()),
    password: z.string().min(10, 'validation.passwordLength').max(200),
  })
  .refine((v) => v.role !== 'UNIT' || v.unitId !== null, { message: 'validation.unitRequired', path: ['unitId'] });
export type UserForm = z.infer<typeof UserForm>;
