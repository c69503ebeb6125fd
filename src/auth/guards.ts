import type { Request, Response, NextFunction } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { can, type Action, type Actor } from './policy.ts';

export function requireAuth(req: Request, _res: Response, next: NextFunction): void {
  if (!req.user) throw new UnauthorizedError();
  next();
}

/** Route guard by action (role part only; unit scoping is checked in services with the resource). */
export function requireCan(action: Action) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.user) throw new UnauthorizedError();
    if (!can(req.user, action)) throw new ForbiddenError();
    next();
  };
}

/** The signed-in actor; routes behind requireAuth can rely on it. */
export function actor(req: Request): Actor {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}
