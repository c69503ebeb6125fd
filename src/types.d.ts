import 'express-session';
import type { Actor } from './auth/policy.ts';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    locale?: 'vi' | 'en';
  }
}

declare global {
  namespace Express {
    // passport puts the signed-in Actor on req.user
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Actor {}
    interface Request {
      id: string | number | object;
    }
  }
}
