// Types for tuning.mjs.
export declare const TUNING: {
  env: Record<string, string>;
  flags: string[];
  runtime: string[];
};
