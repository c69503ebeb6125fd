// The memory settings the app runs with (why: the header of ./run.mjs and bench/notes/mem.md). ./run.mjs applies
// them to `npm start` and the app's commands; bench/http.ts starts the benchmarked app with the same ones.
export const TUNING = {
  /** glibc's malloc: set before the process starts (Linux) */
  env: { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' },
  /** V8 flags that must be on the command line */
  flags: ['--max-semi-space-size=8'],
  /** V8 flags set at run time (v8.setFlagsFromString) */
  runtime: ['--heap-growing-percent=20'],
};
