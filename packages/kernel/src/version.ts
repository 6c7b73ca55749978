/** Version of the runtime the kernel preloads. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CORE_VERSION: string = require('@convkit/core/package.json').version;
