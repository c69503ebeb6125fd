// A long fuzz, run by hand: FUZZ_CRAWL=1 [FUZZ_CRAWL_RUNS=40] [FUZZ_SEED=n] npm test -- tests/security/crawl-fuzz.test.ts
// Each role (officer, unit, commander, admin, in that order: the admin's fuzzing may change the others' accounts)
// crawls every page it can reach from home, and every POST form found is posted back with some fields replaced
// by random or malformed values (form-encoded or JSON): never a 500, never a stack trace, and a 400 always says
// why on the page. fuzz.test.ts does the same for a dozen forms in every run, and checks that nothing was written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/http.ts';
import { encode, mutate, readForm } from './form-kit.ts';

const nasty = fc.constantFrom('', ' ', '-1', '0', '1e308', '99999999999999999999', '2147483648', '9999999999', 'NaN', 'Infinity', '0x1F', '1,5', '2021-02-30', '0000-00-00', '<script>alert(1)</script>', "' OR 1=1--", '__proto__', 'constructor', 'on', '\u0000', '\u202E', 'x'.repeat(10_000), '1.005', '-0', '1e-7');
const scalar = fc.oneof(fc.string({ maxLength: 40 }), nasty, nasty, fc.integer().map(String), fc.double().map(String));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('0', '1', 'x', '__proto__', 'id'), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 12, -3.5, 1e300) },
);
const mutation = fc.record({ replace: fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 3 }), drop: fc.array(fc.nat(), { maxLength: 1 }), json: fc.boolean() });

const ROLES = ['officer', 'halong', 'commander', 'admin'];
/** not pages to crawl nor forms to fuzz: signing out, the language switch, downloads */
const SKIP = /\/logout|\/lang\b|\.(csv|xlsx|docx|pdf|json)(\?|$)|\/attachments\/\d+|\/download/;
/** one visit per kind of page and one fuzz per kind of form: ids and queries do not make a new one */
const shape = (p: string) => p.replace(/\d+/g, ':n').replace(/\?.*$/, '');
const decode = (s: string) => s.replace(/&amp;/g, '&');
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** What is wrong with the answer to a fuzzed post, or null. */
function fault(res: { status: number; text: string }): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (/\n\s+at [\w.<>]+ \(|node_modules\//.test(res.text)) return 'a stack trace';
  if (res.status === 400 && !/aria-invalid="true"|class="field-error"|class="flash flash-error[^"]*" role="alert"/.test(res.text)) return 'a 400 that says nothing';
  return null;
}

async function fuzzForm(client: Client, page: string, action: string, runs: number, problems: string[]): Promise<void> {
  const exact = new RegExp('^' + action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      const res = await client.get(page);
      if (res.status !== 200) return; // an earlier post may have moved the page on (a step taken, a thing deleted)
      let form;
      try {
        form = readForm(res.text, exact);
      } catch {
        return; // the form is gone for the same reason
      }
      if (form.multipart) return;
      const { body, type } = encode(mutate(form.fields, m), m.json, client.csrf);
      const got = await client.request('POST', form.action, body, { 'content-type': type, 'x-csrf-token': client.csrf });
      const bad = fault(got);
      if (bad) problems.push(`POST ${form.action} (form on ${page}): ${bad}; body ${body.slice(0, 300)}`);
    }),
    { seed, numRuns: runs },
  );
}

test('every form every role reaches: never a 500 or a stack trace, and a 400 says why', {
  skip: !process.env.FUZZ_CRAWL && 'run by hand: FUZZ_CRAWL=1 (every form of every role, FUZZ_CRAWL_RUNS posts each)',
  timeout: 3_600_000,
}, async () => {
  const app = await startTestApp();
  const runs = Number(process.env.FUZZ_CRAWL_RUNS ?? 40);
  const problems: string[] = [];
  let forms = 0;
  try {
    for (const who of ROLES) {
      const client = await app.as(who);
      const seen = new Set<string>();
      const fuzzed = new Set<string>();
      const queue = ['/'];
      while (queue.length) {
        const path = queue.shift()!;
        if (seen.has(shape(path))) continue;
        seen.add(shape(path));
        const res = await client.get(path);
        if (res.status >= 500) problems.push(`${who}: GET ${path} gave ${res.status}`);
        if (res.status !== 200) continue;
        for (const m of res.text.matchAll(/href="(\/[^"#]*)"/g)) if (!SKIP.test(m[1]) && !m[1].startsWith('/public/')) queue.push(decode(m[1]));
        for (const f of res.text.matchAll(/<form\b[^>]*method="post"[^>]*action="([^"]*)"/gi)) {
          const action = decode(f[1]);
          if (SKIP.test(action) || fuzzed.has(shape(action))) continue;
          fuzzed.add(shape(action));
          forms++;
          await fuzzForm(client, path, action, runs, problems);
        }
      }
      process.stdout.write(`# ${who}: ${seen.size} kinds of page, ${fuzzed.size} kinds of form\n`);
    }
  } finally {
    await app.close();
  }
  process.stdout.write(`# ${forms} forms, ${runs} posts each (seed ${seed})\n`);
  assert.ok(forms > 50, `only ${forms} forms found: the crawl lost its way`);
  assert.deepEqual(problems, []);
});
