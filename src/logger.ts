import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Never written to a log: cookies and the session id they carry, CSRF tokens, passwords. pino-http logs
 * each request's headers and each response's headers (Set-Cookie holds the session id).
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  '_csrf',
  '*._csrf',
  'csrfToken',
  '*.csrfToken',
  'sessionID',
  '*.sessionID',
  'sid',
  '*.sid',
];

/** pino-pretty is a development dependency: a production install has none and logs JSON. */
function prettyAvailable(): boolean {
  try {
    import.meta.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** JSON lines, or readable one-line logs (pino-pretty) when `pretty` and pino-pretty is installed. */
export function createLogger(level: string, opts: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT_PATHS, remove: true } };
  if (opts.pretty && !opts.destination && prettyAvailable()) {
    options.transport = {
      target: 'pino-pretty',
      options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,responseTime' },
    };
  }
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
