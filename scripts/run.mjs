#!/usr/bin/env node
// Runs one entry point of the app: `node scripts/run.mjs server` (npm start), `cli/admin-create`, `cli/migrate`.
//   NODE_ENV=production       → the compiled dist/<entry>.js (npm run build), no TypeScript loader.
//   otherwise, tsx installed  → src/<entry>.ts through tsx (development: npm install && npm start).
//   otherwise (an install without development dependencies, such as the offline bundle)
//                             → dist/<entry>.js, with NODE_ENV defaulting to production.
// Memory (bench/notes/mem.md): on Linux the app runs with glibc's malloc held to 2 arenas and to fixed mmap and
// trim thresholds of 128 kB (freed memory goes back to the system), with V8's young generation capped by
// --max-semi-space-size=8 (MB), and with the old generation collected once it has grown 20% past what survived
// the last full GC (--heap-growing-percent=20; V8 otherwise let 200 MB of garbage pile up under load): the app's
// peak RSS through the national bench went from 430–544 MB to 276 MB. The young generation was capped at 4 MB at
// first; 8 MB halves the scavenges for the same peak RSS, and served kept pages about a tenth faster (bench/README.md,
// twenty-third round).
// The heap growth is set at run time here (V8 reads it at every full GC; v8.setFlagsFromString ignores a flag a
// later V8 might not know, where an unknown flag on the command line would stop the process), on every Node.
// The rest must be set before the process starts, so where Node has process.execve (22.15+, 24) this script starts
// itself again in place (same process id, so signals still reach the app) with whichever of them is not set yet.
// An operator's own values (the variables, or the flag on the command line or in NODE_OPTIONS) win.
// Older Node (20, 22.12–22.14) runs without those unless they are set outside: README, "Memory".
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TUNING } from './tuning.mjs';

function tuned() {
  const env = process.platform === 'linux' ? Object.fromEntries(Object.entries(TUNING.env).filter(([k]) => process.env[k] === undefined)) : {};
  // V8 reads --max_semi_space_size as well as --max-semi-space-size
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.replace(/_/g, '-');
  const unset = (f) => !given.includes(f.split('=')[0]);
  return { env, flags: TUNING.flags.filter(unset), runtime: TUNING.runtime.filter(unset) };
}

for (const flag of tuned().runtime) v8.setFlagsFromString(flag);

if (typeof process.execve === 'function' && process.env.THIDUA_TUNED !== '1') {
  const { env, flags } = tuned();
  if (Object.keys(env).length || flags.length) {
    try {
      process.execve(process.execPath, [process.execPath, ...flags, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...env, THIDUA_TUNED: '1' });
    } catch {
      // not where the platform has no exec (Windows): run as we are
    }
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry> [args…]\n');
  process.exit(2);
}
process.argv.splice(2, 1); // the entry sees its own arguments only
// A command (migrate, admin:create, backup) lives seconds: its WebAssembly (PGlite's PostgreSQL, Prisma's query
// compiler) is compiled with V8's baseline compiler only, whose code the optimizing compiler would not earn back in so
// short a life: `npm run db:migrate` into a new embedded database took 7.3–7.8 CPU-s, and 4.8 with it (the Prisma
// CLI's engine, prisma/engine/schema-engine, does the same). The server keeps V8's default.
if (entry !== 'server') v8.setFlagsFromString('--liftoff-only');
const compiled = path.join(root, 'dist', `${entry}.js`);

async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch {
    return null;
  }
}

function runCompiled() {
  if (!fs.existsSync(compiled)) {
    process.stderr.write(`thidua: ${path.relative(root, compiled)} is missing: run \`npm run build\` first (production runs the compiled app)\n`);
    process.exit(1);
  }
  return import(pathToFileURL(compiled).href);
}

if (process.env.NODE_ENV === 'production') {
  await runCompiled();
} else {
  const register = await tsxRegister();
  if (register) {
    register();
    await import(pathToFileURL(path.join(root, 'src', `${entry}.ts`)).href);
  } else {
    process.env.NODE_ENV ??= 'production';
    await runCompiled();
  }
}
