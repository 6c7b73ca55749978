/** @convkit/kernel — a Jupyter kernel for TypeScript with @convkit/core preloaded. */
export { KernelServer } from './server';
export { Session } from './exec/session';
export type { CellResult, DisplayHandle, DisplayOptions, SessionOutput } from './exec/session';
export { compileCell } from './exec/transpile';
export { heatmap, HeatmapView } from './display/heatmap';
export { toMimeBundle } from './display/bundle';
export type { MimeBundle } from './display/bundle';
export { installKernelspec } from './install';
export type { InstallTarget } from './install';
