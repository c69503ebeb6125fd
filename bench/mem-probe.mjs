// Preloaded into the app by bench/mem-profile.ts (node --import): samples process.memoryUsage() every 50 ms and,
// on SIGUSR2, writes the sample taken at the highest RSS since the last signal (with V8's heap spaces) to
// /tmp/thidua-mem-<pid>.json, in MiB.
import fs from 'node:fs';
import v8 from 'node:v8';
let peak = null;
const sample = () => {
  const m = process.memoryUsage();
  if (!peak || m.rss > peak.rss) {
    peak = m;
    for (const s of v8.getHeapSpaceStatistics()) peak[s.space_name] = s.space_size;
  }
};
setInterval(sample, 50).unref();
process.on('SIGUSR2', () => {
  sample();
  fs.writeFileSync(`/tmp/thidua-mem-${process.pid}.json`, JSON.stringify(Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1048576)]))));
  peak = null;
});
// MEM_PROBE_LOG=<file>: also append one line a second (time, rss, heapTotal, heapUsed, external, arrayBuffers in MiB),
// to follow the app through a whole `npm run bench` (BENCH_NODE_ARGS="--import bench/mem-probe.mjs").
if (process.env.MEM_PROBE_LOG) {
  setInterval(() => {
    const m = process.memoryUsage();
    const mb = (v) => Math.round(v / 1048576);
    fs.appendFileSync(process.env.MEM_PROBE_LOG, `${new Date().toISOString().slice(11, 19)} ${mb(m.rss)} ${mb(m.heapTotal)} ${mb(m.heapUsed)} ${mb(m.external)} ${mb(m.arrayBuffers)}\n`);
  }, 1000).unref();
}
