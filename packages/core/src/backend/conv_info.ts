/**
 * Everything a backend needs to run one 2-D convolution, with all options already
 * validated and resolved to numbers. Padding here is implicit zero padding: values
 * outside the input read as 0. Other padding modes are applied before the backend is
 * called. Bottom/right padding is implied by `outHeight` / `outWidth`.
 */
export interface Conv2DInfo {
  batch: number;
  inChannels: number;
  inHeight: number;
  inWidth: number;
  outChannels: number;
  outHeight: number;
  outWidth: number;
  kernelHeight: number;
  kernelWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
  groups: number;
}

/** Multiply-accumulates of a convolution described by `info` (bias adds not counted). */
export function conv2dMacs(info: Conv2DInfo): number {
  return (
    info.batch *
    info.outChannels *
    info.outHeight *
    info.outWidth *
    (info.inChannels / info.groups) *
    info.kernelHeight *
    info.kernelWidth
  );
}
