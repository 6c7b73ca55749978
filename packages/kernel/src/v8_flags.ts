import { setFlagsFromString } from 'v8';

/**
 * Imported first by main.ts, before @convkit/core compiles its WebAssembly: on Node 20 and 21,
 * relaxed SIMD (fused multiply-add, ~20 % faster convolutions) is behind a flag that later
 * versions turn on by default. Setting a wasm feature flag before any module is compiled is safe.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major >= 20 && major < 22) setFlagsFromString('--experimental-wasm-relaxed-simd');
