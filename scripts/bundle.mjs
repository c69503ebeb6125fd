#!/usr/bin/env node
// npm run bundle: one release tarball for a closed network, release/thidua-<version>-<os>-<arch>.tar.gz:
// the compiled app (dist/), its production node_modules (the WebAssembly query compiler, schema engine and
// PGlite included; no TypeScript loader, no Prisma CLI), views, public, the migrations and the
// engine glue they run with. Unpacked on a machine of the same OS and CPU with Node 22 or 24, it needs no
// registry: `npm run db:migrate`, `npm run admin:create`, `npm start` (README: Installing on a closed network).
//   --skip-build   package the dist/ already built (CI builds once, then bundles)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const name = `thidua-${pkg.version}-${process.platform}-${process.arch}`;
const out = path.join(root, 'release');
const stage = path.join(out, name);
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

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
const copy = (rel) => fs.cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true });
for (const rel of ['dist', 'views', 'public', 'prisma/migrations', 'prisma/schema.prisma', 'prisma/engine', 'scripts/run.mjs', 'package.json', 'package-lock.json', '.npmrc', '.env.example', 'README.md']) {
  if (fs.existsSync(path.join(root, rel))) copy(rel);
}

// Production dependencies from the lock file. The npm cache already holds them after `npm ci`, so this
// reads the registry little or not at all. Install scripts are not needed (the Prisma client is compiled into dist/).
run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], stage);
// npm also keeps packages that production reaches only as optional peers (the Prisma CLI and TypeScript, with its
// native compiler, through @prisma/client). Keep what the production dependencies need, resolved as Node
// resolves them (nearest node_modules first): dependencies, optional dependencies and required peers.
const lock = JSON.parse(fs.readFileSync(path.join(stage, 'package-lock.json'), 'utf8'));
const packages = lock.packages;
const keep = new Set();
function resolveFrom(where, name) {
  for (let dir = where; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate] && fs.existsSync(path.join(stage, candidate))) return candidate;
    if (!dir) return undefined;
  }
}
function visit(where) {
  if (keep.has(where)) return;
  keep.add(where);
  const e = packages[where];
  const optionalPeers = e.peerDependenciesMeta ?? {};
  const names = [
    ...Object.keys(e.dependencies ?? {}),
    ...Object.keys(e.optionalDependencies ?? {}),
    ...Object.keys(e.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
  ];
  for (const name of names) {
    const found = resolveFrom(where, name);
    if (found) visit(found);
  }
}
for (const name of Object.keys(packages[''].dependencies ?? {})) visit(resolveFrom('', name));
let dropped = 0;
for (const where of Object.keys(packages)) {
  if (where && !keep.has(where) && !packages[where].link && fs.existsSync(path.join(stage, where))) {
    fs.rmSync(path.join(stage, where), { recursive: true, force: true });
    dropped++;
  }
}
const bin = path.join(stage, 'node_modules', '.bin');
for (const link of fs.existsSync(bin) ? fs.readdirSync(bin) : []) {
  if (!fs.existsSync(path.join(bin, link))) fs.rmSync(path.join(bin, link), { force: true });
}
process.stdout.write(`bundle: production node_modules: ${keep.size - 1} packages (${dropped} reached only as optional peers left out)\n`);

fs.mkdirSync(out, { recursive: true });
const tarball = path.join(out, `${name}.tar.gz`);
run('tar', ['-czf', tarball, '-C', out, name]);
fs.rmSync(stage, { recursive: true, force: true });
const mb = (fs.statSync(tarball).size / 1024 / 1024).toFixed(1);
process.stdout.write(`bundle: ${path.relative(root, tarball)} (${mb} MB) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
