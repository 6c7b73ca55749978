/** MIME type of a tensor view: shape, statistics and (when small enough) the values. */
export const TENSOR_MIME = 'application/vnd.convkit.tensor+json';
/** MIME type of one heatmap or a grid of heatmap panels (e.g. one per channel). */
export const HEATMAP_MIME = 'application/vnd.convkit.heatmap+json';
/**
 * Version of the bundle JSON. Renderers accept bundles whose major version they know;
 * minor additions (new optional fields) do not bump it.
 */
export const SCHEMA_VERSION = 1;
