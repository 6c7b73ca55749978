import { Backend } from '../backend';
import { Conv2DInfo } from '../conv_info';
import { conv2dIm2col } from './conv2d_im2col';
import { depthwiseDirect } from './depthwise_direct';

/** The portable backend: plain TypeScript, runs anywhere JavaScript runs. */
export const tsBackend: Backend = {
  name: 'ts',
  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array {
    if (info.groups === info.inChannels && info.groups > 1) return depthwiseDirect(x, w, bias, info);
    return conv2dIm2col(x, w, bias, info);
  },
};
