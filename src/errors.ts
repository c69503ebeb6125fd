import { Prisma } from './generated/prisma/client.ts';

/** Field messages are translation keys with optional parameters. */
export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

export class AppError extends Error {
  constructor(
    public readonly status: number,
    /** translation key shown to the user */
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}
export class NotFoundError extends AppError {
  constructor(key = 'errors.notFound') {
    super(404, key);
  }
}
export class ForbiddenError extends AppError {
  constructor(key = 'errors.forbidden') {
    super(403, key);
  }
}
export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'errors.unauthorized');
  }
}
export class ConflictError extends AppError {
  constructor(key = 'errors.conflict', params: Record<string, string | number> = {}, public readonly detail?: unknown) {
    super(409, key, params);
  }
}
/** A rule refused the request (e.g. over quota); the message names the rule and its numbers. */
export class RuleError extends AppError {
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(422, key, params);
  }
}
export class ValidationError extends AppError {
  constructor(public readonly fields: FieldErrors, key = 'errors.validation') {
    super(400, key);
  }
}
export class UnavailableError extends AppError {
  constructor() {
    super(503, 'errors.unavailable');
  }
}

const CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** Map database and library errors to AppError kinds, in one place. Unknown errors pass through. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === 'P2002') return new ConflictError('errors.duplicate');
    if (err.code === 'P2025') return new NotFoundError();
    if (err.code === 'P2020') return new AppError(400, 'errors.badRequest'); // a number out of its column's range
    if (err.code === 'P2003') return new ConflictError('errors.inUse');
    if (CONNECTION_CODES.has(err.code)) return new UnavailableError();
  }
  if (err instanceof Prisma.PrismaClientInitializationError || isDatabaseDown(err)) return new UnavailableError();
  // body-parser and friends attach an HTTP status to client errors
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new AppError(413, 'errors.tooLarge');
    return new AppError(400, 'errors.badRequest');
  }
  return undefined;
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', 'P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const DOWN_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const DOWN_MESSAGES = /Connection terminated|terminating connection|database system is (shutting down|starting up)|not queryable|Unable to start a transaction in the given time|Can't reach database server/i;

/** True when the error (or anything in its cause chain) says the database is unreachable. */
function isDatabaseDown(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, kind, originalCode, message } = e as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown };
    if ((typeof code === 'string' && DOWN_CODES.has(code)) || (typeof originalCode === 'string' && DOWN_CODES.has(originalCode))) return true;
    if (typeof kind === 'string' && DOWN_KINDS.has(kind)) return true;
    if (typeof message === 'string' && DOWN_MESSAGES.test(message)) return true;
  }
  return false;
}
