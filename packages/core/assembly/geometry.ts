// The geometry of the convolution being run, set once per call by `setGeometry` so the
// kernels' signatures stay short. Input plane H×W, kernel KH×KW, stride, dilation, the
// top/left zero padding and the output plane OH×OW.
export let H: i32 = 0, W: i32 = 0, KH: i32 = 1, KW: i32 = 1;
export let SH: i32 = 1, SW: i32 = 1, DH: i32 = 1, DW: i32 = 1;
export let PT: i32 = 0, PL: i32 = 0, OH: i32 = 0, OW: i32 = 0;

export function setGeometry(h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32, oh: i32, ow: i32): void {
  H = h; W = w; KH = kh; KW = kw; SH = sh; SW = sw; DH = dh; DW = dw; PT = pt; PL = pl; OH = oh; OW = ow;
}
