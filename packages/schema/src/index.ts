/**
 * @convkit/schema — the JSON carried by convkit's two MIME types, written by the kernel
 * and read by the JupyterLab renderers. Everything here runs in Node and browsers.
 */
export * from './mime';
export * from './types';
export * from './encoding';
export * from './build';
export * from './validate';
export * from './colors';
