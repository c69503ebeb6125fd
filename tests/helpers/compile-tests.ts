// npm test runs the test files and the app compiled: tsc (tsconfig.test.json, emit only; `npm run typecheck` checks
// the types) writes src/ and tests/ as JavaScript to .build-<run>/ (a folder per run, so that two runs side by side,
// as in CI, never remove each other's), the data files beside them are copied, and links make it look like the
// project root (views, public, prisma, test-results), so paths taken relative to a module resolve as from the sources. A TypeScript loader in front of every module cost each test process and each app it
// started about a CPU-second; compiling all of it once takes a few seconds.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** The compiled twin of a source file: tests/x/a.test.ts → .build-<run>/tests/x/a.test.js. */
export function compiledTwin(out: string, root: string, file: string): string {
  return path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
}

/** Compile into `out` (a folder directly under the project root); returns a function that removes it. */
export function compileTests(root: string, out: string): () => void {
  const started = Date.now();
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json', '--outDir', out], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('tests: compiling src/ and tests/ to .build/ failed (see above)');
  for (const dir of ['src', 'tests']) {
    for (const rel of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const from = path.join(root, dir, rel);
      if (rel.endsWith('.ts') || !fs.statSync(from).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(out, dir, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(out, dir, rel));
    }
  }
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  for (const link of ['views', 'public', 'prisma', 'test-results']) fs.symlinkSync(path.join('..', link), path.join(out, link));
  process.stdout.write(`tests: src/ and tests/ compiled to ${path.basename(out)}/ in ${Date.now() - started} ms\n`);
  return () => fs.rmSync(out, { recursive: true, force: true });
}
