// The browser tests' own Chromium flags stay on top of Playwright's. Chromium keeps only the last `--disable-features`
// on its command line, and tests/helpers/browser.ts passes one after Playwright's: it must repeat every feature
// Playwright turns off. Read from the launched browser's command line (/proc), not from Playwright's sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { NO_CHROMIUM, browserOrSkip } from '../helpers/browser.ts';

/** The command lines of this process's child processes (the browser Playwright launched is one). */
function childCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      lines.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // the process ended meanwhile
    }
  }
  return lines;
}

test("the browser's last --disable-features keeps every feature Playwright turns off, and turns off RenderDocument", async (t) => {
  if (!fs.existsSync('/proc/self/stat')) return t.skip('needs /proc (Linux)');
  const session = await browserOrSkip();
  if (!session) return t.skip(NO_CHROMIUM);
  try {
    const browser = childCommandLines().find((argv) => argv.some((a) => a.startsWith('--remote-debugging-pipe')));
    assert.ok(browser, 'the launched browser is a child of this process');
    const lists = browser.filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
    assert.ok(lists.length >= 2, `Playwright's list and ours are both on the command line (found ${lists.length})`);
    const effective = new Set(lists.at(-1));
    const dropped = lists.slice(0, -1).flat().filter((f) => !effective.has(f));
    assert.deepEqual(dropped, [], `add these to PLAYWRIGHT_DISABLED_FEATURES in tests/helpers/browser.ts: ${dropped.join(', ')}`);
    assert.ok(effective.has('RenderDocument'));
  } finally {
    await session.close();
  }
});
