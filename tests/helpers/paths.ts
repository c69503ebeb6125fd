// Where the project is, and how a test starts one of its entry points, whether the tests run from the TypeScript
// sources through tsx or compiled: `npm test` compiles src/ and tests/ to .build/ first (tests/run.ts), so that each
// test process and each app it starts loads plain JavaScript, without a TypeScript loader in front of every module.
// .build-<run>/ mirrors the project (views, public, prisma and test-results are links back to it), so paths taken
// relative to a module resolve the same way from either.
import path from 'node:path';

/** True when this file runs as compiled JavaScript from a .build-<run>/ folder. */
export const COMPILED = import.meta.filename.endsWith('.js');

/** The root this file runs under: the project, or its compiled mirror. */
const HERE = path.resolve(import.meta.dirname, '..', '..');

/** The project's root (never the compiled mirror). */
export const PROJECT_ROOT = COMPILED ? path.dirname(HERE) : HERE;

/** Node's arguments to run `entry`, a path such as src/server.ts: through tsx, or its compiled twin. */
export function entryArgs(entry: string): string[] {
  return COMPILED ? [path.join(HERE, entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', entry];
}
