// Loaded into every test process by tests/run.ts, which sets TEST_CPU=<file>: at exit, appends the CPU seconds the process
// used, and those of the children it waited for (Chromium, app processes), to <file>. Wall time on a shared machine
// says little; CPU time says what a test file costs on an idle one. Linux only (/proc); the database server's own
// CPU (PostgreSQL) is not counted.
import fs from 'node:fs';

const out = process.env.TEST_CPU;
// the test file, by its source name also when it runs compiled (.build-<run>/tests/x.test.js → tests/x.test.ts)
const file = process.argv.slice(1).find((a) => /\.test\.[jt]s$/.test(a))?.replace(/\/\.build-\w+\//, '/').replace(/\.js$/, '.ts');
if (out && file) {
  process.on('exit', () => {
    try {
      const stat = fs.readFileSync('/proc/self/stat', 'utf8');
      const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 15).map(Number);
      fs.appendFileSync(out, JSON.stringify({ file, self: (utime + stime) / 100, children: (cutime + cstime) / 100 }) + '\n');
    } catch {
      // not Linux: nothing to record
    }
  });
}
