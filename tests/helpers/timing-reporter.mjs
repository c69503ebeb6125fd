// A node:test reporter that prints, once the run ends, how long each test file took (from the start of its process
// to its end) and the slowest tests, longest first: where the time of `npm test` goes. tests/run.ts adds it beside
// the spec reporter; TEST_TIMINGS=<file> also appends the figures there as one line of JSON.
import fs from 'node:fs';
import path from 'node:path';

// a compiled test file by its source name: .build-<run>/tests/x.test.js → tests/x.test.ts
const sourceName = (f) => f.replace(/^\.build-\w+\//, '').replace(/\.js$/, '.ts');
const secs = (ms) => `${(ms / 1000).toFixed(1).padStart(6)} s`;

export default async function* timings(source) {
  const files = [];
  const tests = [];
  const root = process.cwd() + path.sep;
  for await (const event of source) {
    const d = event.data ?? {};
    if (event.type === 'test:complete' && d.file && d.name === d.file) files.push({ file: sourceName(d.file.replace(root, '')), ms: Math.round(d.details?.duration_ms ?? 0), ok: d.details?.passed !== false });
    else if ((event.type === 'test:pass' || event.type === 'test:fail') && d.nesting === 0 && d.name !== d.file) tests.push({ name: d.name, ms: Math.round(d.details?.duration_ms ?? 0) });
  }
  if (files.length === 0) return;
  // CPU seconds per file, when the test processes recorded them (tests/helpers/cpu-meter.mjs)
  const cpu = new Map();
  try {
    for (const line of fs.readFileSync(process.env.TEST_CPU ?? '', 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      cpu.set(sourceName(r.file.replace(root, '')), r.self + r.children);
    }
  } catch {
    // none recorded
  }
  files.sort((a, b) => b.ms - a.ms);
  tests.sort((a, b) => b.ms - a.ms);
  const total = files.reduce((s, f) => s + f.ms, 0);
  const cpuTotal = files.reduce((s, f) => s + (cpu.get(f.file) ?? 0), 0);
  let out = `\ntime per test file, wall and CPU (${files.length} files, ${(total / 1000).toFixed(1)} s wall in all, files side by side; `;
  out += `CPU ${cpuTotal.toFixed(1)} s, Chromium and app processes included, the PostgreSQL server not):\n`;
  for (const f of files) out += `${secs(f.ms)} ${cpu.has(f.file) ? `${cpu.get(f.file).toFixed(1).padStart(6)} s CPU` : '          '}  ${f.file}${f.ok ? '' : '  (failed)'}\n`;
  for (const f of files) f.cpu = cpu.get(f.file);
  out += 'slowest tests:\n';
  for (const t of tests.slice(0, 12)) out += `${secs(t.ms)}  ${t.name.length > 110 ? t.name.slice(0, 109) + '…' : t.name}\n`;
  if (process.env.TEST_TIMINGS) fs.appendFileSync(process.env.TEST_TIMINGS, JSON.stringify({ files, slowest: tests.slice(0, 30) }) + '\n');
  yield out;
}
