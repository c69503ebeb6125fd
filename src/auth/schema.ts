import { z } from 'zod';

export const LoginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginForm = z.infer<typeof LoginForm>;

export const PasswordForm = z
  .object({
    current: z.string().min(1).max(200),
    password: z.string().min(10, 'validation.passwordLength').max(200),
    confirm: z.string().min(1).max(200),
  })
  .refine((v) => v.password === v.confirm, { message: 'validation.passwordMismatch', path: ['confirm'] });
export type PasswordForm = z.infer<typeof PasswordForm>;

export const LangForm = z.object({ locale: z.enum(['vi', 'en']), next: z.string().max(500).optional() });
