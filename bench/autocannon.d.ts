// autocannon ships no type declarations; bench/load.ts types what it uses.
declare module 'autocannon';
