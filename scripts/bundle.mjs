#!/usr/bin/env node
// npm run bundle: one release tarball for a closed network, release/thidua-<version>-<os>-<arch>.tar.gz:
// the compiled app (dist/), its production node_modules (the WebAssembly query compiler, schema engine and
// PGlite included; no TypeScript loader, no Prisma CLI), views, public, the migrations and the
// engine glue they run with. Run it after `npm ci` (it copies from node_modules). Unpacked on a machine of the same OS and CPU with Node 22 or 24, it needs no
// registry: `npm run db:migrate`, `npm run admin:create`, `npm start` (README: Installing on a closed network).
//   --skip-build   package the dist/ already built (CI builds once, then bundles)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const name = `thidua-${pkg.version}-${process.platform}-${process.arch}`;
const out = path.join(root, 'release');
// the tree to pack is put together in the temporary folder (in memory when TMPDIR says so, as in CI), not beside
// the tarball: some 170 MB written and read back once (on this machine's disk 17–19 CPU-s the bundle, in memory 12–13)
const stageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bundle-'));
const stage = path.join(stageRoot, name);
process.on('exit', () => fs.rmSync(stageRoot, { recursive: true, force: true }));
const started = Date.now();

function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bundle: ${cmd} ${args.join(' ')} failed\n`);
    process.exit(r.status ?? 1);
  }
}

if (!process.argv.includes('--skip-build') || !fs.existsSync(path.join(root, 'dist', 'server.js'))) {
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
}

fs.mkdirSync(stage, { recursive: true });
const copy = (rel) => fs.cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true });
for (const rel of ['dist', 'views', 'public', 'prisma/migrations', 'prisma/schema.prisma', 'prisma/engine', 'scripts/run.mjs', 'scripts/tuning.mjs', 'package.json', 'package-lock.json', '.npmrc', '.env.example', 'README.md']) {
  if (fs.existsSync(path.join(root, rel))) copy(rel);
}

// Production dependencies, copied from the node_modules that `npm ci` installed from the lock file (no second
// install, no registry): what the production dependencies need, resolved as Node resolves them (nearest
// node_modules first) through dependencies, optional dependencies and required peers. Development packages
// that production reaches only as optional peers (the Prisma CLI, TypeScript through @prisma/client) stay out.
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const packages = lock.packages;
const keep = new Set();
function resolveFrom(where, name) {
  for (let dir = where; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate] && fs.existsSync(path.join(root, candidate))) return candidate;
    if (!dir) return undefined;
  }
}
function visit(where) {
  if (!where || keep.has(where)) return;
  keep.add(where);
  const e = packages[where];
  const optionalPeers = e.peerDependenciesMeta ?? {};
  const names = [
    ...Object.keys(e.dependencies ?? {}),
    ...Object.keys(e.optionalDependencies ?? {}),
    ...Object.keys(e.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
  ];
  for (const name of names) visit(resolveFrom(where, name));
}
for (const name of Object.keys(packages[''].dependencies ?? {})) {
  const found = resolveFrom('', name);
  if (!found) {
    process.stderr.write(`bundle: ${name} is not installed: run \`npm ci\` first\n`);
    process.exit(1);
  }
  visit(found);
}
for (const where of keep) {
  const from = path.join(root, where);
  const nested = path.join(from, 'node_modules');
  fs.cpSync(from, path.join(stage, where), { recursive: true, dereference: false, filter: (src) => src !== nested });
}
process.stdout.write(`bundle: production node_modules: ${keep.size} packages\n`);

fs.mkdirSync(out, { recursive: true });
const tarball = path.join(out, `${name}.tar.gz`);
run('tar', ['-czf', tarball, '-C', stageRoot, name]);
const mb = (fs.statSync(tarball).size / 1024 / 1024).toFixed(1);
process.stdout.write(`bundle: ${path.relative(root, tarball)} (${mb} MB) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
