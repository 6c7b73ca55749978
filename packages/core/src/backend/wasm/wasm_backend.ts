import { Backend } from '../backend';
import { Conv2DInfo } from '../conv_info';
import { KernelExports } from './kernels';

const ALIGN = 64;
const PAGE = 65536;
// Kernels may read a few vectors past the end of an input row (the values are unused).
const OVERREAD = 256;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * The WebAssembly SIMD backend: packed GEMM (4×8 micro-kernel) over an implicit im2col for
 * standard, grouped and pointwise convolutions; a direct kernel for depthwise ones.
 * Operands are copied into the module's linear memory for each call (cheap next to the
 * arithmetic); the memory grows to the largest call seen and is reused.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm-simd';

  constructor(private readonly kernels: KernelExports) {}

  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array {
    const k = this.kernels;
    const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O, outHeight: OH, outWidth: OW, groups } = info;
    const { kernelHeight: KH, kernelWidth: KW } = info;
    const plane = OH * OW;
    const outLength = batch * O * plane;
    if (outLength === 0) return new Float32Array(0);
    k.setGeometry(H, W, KH, KW, info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padTop, info.padLeft, OH, OW);

    const depthwise = groups === C && groups > 1;
    const inPerGroup = C / groups;
    const outPerGroup = O / groups;
    const kSize = inPerGroup * KH * KW;
    const scratchBytes = depthwise ? k.depthwiseScratchBytes() : k.gemmScratchBytes(outPerGroup);

    // Layout: x | w | bias | out | scratch, each aligned, with room to over-read.
    const base = k.heapBase();
    const xAt = base;
    const wAt = align(xAt + x.length * 4 + OVERREAD);
    const biasAt = align(wAt + w.length * 4 + OVERREAD);
    const outAt = align(biasAt + (bias ? bias.length * 4 : 0));
    const scratchAt = align(outAt + outLength * 4 + OVERREAD);
    this.reserve(scratchAt + scratchBytes + OVERREAD);

    const heap = new Float32Array(k.memory.buffer);
    heap.set(x, xAt / 4);
    heap.set(w, wAt / 4);
    if (bias) heap.set(bias, biasAt / 4);
    const biasPtr = (channel: number): number => (bias ? biasAt + channel * 4 : 0);

    if (depthwise) {
      const multiplier = O / C;
      for (let n = 0; n < batch; n++) {
        for (let c = 0; c < C; c++) {
          const oc = c * multiplier;
          k.depthwise(xAt + (n * C + c) * H * W * 4, wAt + oc * KH * KW * 4, biasPtr(oc), outAt + (n * O + oc) * plane * 4, multiplier, scratchAt);
        }
      }
    } else {
      // A 1×1, stride-1, unpadded convolution reads its input as the B matrix directly.
      const direct = KH === 1 && KW === 1 && info.strideHeight === 1 && info.strideWidth === 1 && info.padTop === 0 && info.padLeft === 0 && OH === H && OW === W;
      for (let n = 0; n < batch; n++) {
        for (let g = 0; g < groups; g++) {
          const oc = g * outPerGroup;
          k.gemm(
            outPerGroup, plane, kSize,
            wAt + oc * kSize * 4, kSize,
            xAt + (n * C + g * inPerGroup) * H * W * 4, plane, direct ? 0 : 1,
            outAt + (n * O + oc) * plane * 4, plane,
            biasPtr(oc), scratchAt,
          );
        }
      }
    }
    return new Float32Array(k.memory.buffer, outAt, outLength).slice();
  }

  private reserve(bytes: number): void {
    const memory = this.kernels.memory;
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
  }
}
