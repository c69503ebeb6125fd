// npm test runs the test files and the app compiled: tsc (tsconfig.test.json, emit only; `npm run typecheck` checks
// the types) writes src/ and tests/ as JavaScript to .build-<run>/ (a folder per run, so that two runs side by side,
// as in CI, never remove each other's), the data files beside them are copied, and links make it look like the
// project root (views, public, prisma, test-results), so paths taken relative to a module resolve as from the sources. A TypeScript loader in front of every module cost each test process and each app it
// started about a CPU-second; compiling all of it once takes a few seconds.
// Then each test file is bundled with the parts of src/ and tests/ it imports (esbuild, into .build-<run>/bundled/,
// the code shared by files in common chunks; packages stay imports): a test process then loads a few files instead of
// three hundred modules one by one, about 0.5 CPU-s less each (bench/notes/ci.md). The unbundled twins stay for what
// the tests start as processes of their own (the server, the CLI). TEST_BUNDLE=0 runs the unbundled files, whose
// stack traces name the compiled modules rather than chunks.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const BUNDLE = process.env.TEST_BUNDLE !== '0';
const BUNDLED = 'bundled';

/** The compiled twin of a test file: tests/x/a.test.ts → .build-<run>/bundled/tests/x/a.test.js (TEST_BUNDLE=0: .build-<run>/tests/x/a.test.js). */
export function compiledTwin(out: string, root: string, file: string): string {
  return path.join(BUNDLE ? path.join(out, BUNDLED) : out, path.relative(root, file)).replace(/\.ts$/, '.js');
}

/** Compile into `out` (a folder directly under the project root); returns a function that removes it. */
export async function compileTests(root: string, out: string): Promise<() => void> {
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
  if (BUNDLE) await bundleTests(root, out);
  process.stdout.write(`tests: src/ and tests/ compiled to ${path.basename(out)}/ in ${Date.now() - started} ms\n`);
  return () => fs.rmSync(out, { recursive: true, force: true });
}

/**
 * Bundle the compiled test files of `out` into `out`/bundled/. A module's `import.meta.dirname`, `filename` and `url`
 * become those of the file it was bundled from, so that paths taken relative to it (views, locales, the project root) resolve as
 * before rather than from a chunk's folder.
 */
async function bundleTests(root: string, out: string): Promise<void> {
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild') as typeof import('esbuild');
  const entryPoints = fs.readdirSync(path.join(out, 'tests'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js')).map((f) => path.join(out, 'tests', f));
  const importMeta: import('esbuild').Plugin = {
    name: 'import-meta',
    setup(b) {
      // every file bundled is the project's (packages stay imports): the compiled ones, and .mjs files such as
      // prisma/engine/adapters.mjs, reached through the build's links under their real paths
      b.onLoad({ filter: /\.m?js$/ }, async (args) => {
        let text = await fs.promises.readFile(args.path, 'utf8');
        if (text.includes('import.meta')) {
          text = text
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path))
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
  await esbuild.build({ entryPoints, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', outbase: out, outdir: path.join(out, BUNDLED), chunkNames: 'chunks/[name]-[hash]', plugins: [importMeta], logLevel: 'warning' });
}
