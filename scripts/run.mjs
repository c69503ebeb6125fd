#!/usr/bin/env node
// Runs one entry point of the app: `node scripts/run.mjs server` (npm start), `cli/admin-create`, `cli/migrate`.
//   NODE_ENV=production       → the compiled dist/<entry>.js (npm run build), no TypeScript loader.
//   otherwise, tsx installed  → src/<entry>.ts through tsx (development: npm install && npm start).
//   otherwise (an install without development dependencies, such as the offline bundle)
//                             → dist/<entry>.js, with NODE_ENV defaulting to production.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs <entry> [args…]\n');
  process.exit(2);
}
process.argv.splice(2, 1); // the entry sees its own arguments only
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
