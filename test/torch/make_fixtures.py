#!/usr/bin/python3
"""Generates PyTorch reference cases for @convkit/core's convolutions.

  /usr/bin/python3 test/torch/make_fixtures.py            write test/torch/fixtures.json
  /usr/bin/python3 test/torch/make_fixtures.py --fresh N --seed S
                                                          print N new random cases as JSON
  /usr/bin/python3 test/torch/make_fixtures.py --large N --seed S
                                                          print N new cases with layer-sized shapes

Inputs are float32 (base64, little endian). References are computed by torch in float64 from
those same float32 values, then stored as float32, so the only difference the tests see is
convkit's float32 arithmetic. Each case also stores `absSum`: max over outputs of
Σ|x·w| + |bias| (float64), which bounds the rounding error of any summation order:
|error| <= (K + 2)·2⁻²⁴·absSum with K the terms per output (Higham, Accuracy and Stability
of Numerical Algorithms, §3.1).
"""
import argparse
import base64
import json
import os
import random
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["zeros", "reflect", "replicate", "circular"]


def enc(t):
    a = t.detach().to(torch.float32).contiguous().numpy().astype("<f4")
    return {"shape": list(a.shape), "data": base64.b64encode(a.tobytes()).decode()}


def pads_of(padding, k_eff, stride):
    """(top, bottom, left, right) as convkit resolves them; torch's rule for 'same'."""
    if padding == "valid":
        return (0, 0, 0, 0)
    if padding == "same":
        th, tw = k_eff[0] - 1, k_eff[1] - 1
        return (th // 2, th - th // 2, tw // 2, tw - tw // 2)
    if isinstance(padding, int):
        return (padding,) * 4
    if len(padding) == 2:
        return (padding[0], padding[0], padding[1], padding[1])
    return tuple(padding)


def reference(x, w, b, opt):
    """torch in float64: explicit F.pad with the mode, then F.conv2d without padding."""
    stride, dilation, groups = opt["stride"], opt["dilation"], opt["groups"]
    k_eff = [dilation[i] * (w.shape[2 + i] - 1) + 1 for i in range(2)]
    t, bo, l, r = pads_of(opt["padding"], k_eff, stride)
    mode = opt["paddingMode"]
    batched = x.dim() == 4
    xx = x if batched else x.unsqueeze(0)
    if mode == "zeros" and opt["padding"] in ("same", "valid"):
        # torch's own 'same' / 'valid' (cross-checks our padding rule, even kernels included)
        y = F.conv2d(xx, w, b, stride=stride, padding=opt["padding"], dilation=dilation, groups=groups)
    else:
        xp = F.pad(xx, (l, r, t, bo), mode="constant" if mode == "zeros" else mode)
        y = F.conv2d(xp, w, b, stride=stride, dilation=dilation, groups=groups)
    absy = F.conv2d(F.pad(xx.abs(), (l, r, t, bo), mode="constant" if mode == "zeros" else mode), w.abs(),
                    None if b is None else b.abs(), stride=stride, dilation=dilation, groups=groups)
    if not batched:
        y = y.squeeze(0)
    return y, float(absy.max()) if absy.numel() else 0.0


def random_case(rng, gen, index):
    groups = rng.choice([1, 1, 1, 2, 3, "dw"])
    multiplier = rng.choice([1, 1, 2])
    if groups == "dw":
        c = rng.randint(1, 5)
        groups, out_c = c, c * multiplier
    else:
        c = groups * rng.randint(1, 3)
        out_c = groups * rng.randint(1, 3)
    kh, kw = rng.choice([(1, 1), (2, 2), (3, 3), (3, 3), (5, 5), (1, 3), (3, 1), (4, 2), (2, 5)])
    dilation = [rng.choice([1, 1, 2]), rng.choice([1, 1, 2])]
    mode = rng.choice(MODES)
    padding_kind = rng.choice(["int", "pair", "four", "same", "valid"])
    stride = [1, 1] if padding_kind == "same" else [rng.choice([1, 1, 2, 3]), rng.choice([1, 2])]
    k_eff = [dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1]
    h = rng.randint(max(k_eff[0], 3), 10)
    wd = rng.randint(max(k_eff[1], 3), 10)
    if padding_kind == "int":
        padding = rng.randint(0, 2)
    elif padding_kind == "pair":
        padding = [rng.randint(0, 2), rng.randint(0, 2)]
    elif padding_kind == "four":
        padding = [rng.randint(0, 2) for _ in range(4)]
    else:
        padding = padding_kind
    if mode == "reflect":  # reflect needs pads < size; sizes >= 3 and pads <= 2 keep it valid
        pass
    n = rng.choice([None, 1, 2])
    shape = [c, h, wd] if n is None else [n, c, h, wd]
    x = torch.randn(shape, generator=gen)
    w = torch.randn([out_c, c // groups, kh, kw], generator=gen)
    b = torch.randn([out_c], generator=gen) if rng.random() < 0.5 else None
    opt = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups, "paddingMode": mode}
    return make_case(f"random-{index}", "conv2d", x, w, b, opt)


def large_case(rng, gen, index):
    """Shapes big enough for the fast paths: several GEMM blocks (K > 320, N > 512, M > 64),
    Winograd tiles with odd sizes, depthwise rows longer than a vector, strided stems."""
    d = {"stride": [1, 1], "padding": 1, "dilation": [1, 1], "groups": 1, "paddingMode": "zeros"}
    kind = rng.choice(["winograd", "winograd", "gemm", "pointwise", "depthwise", "stem"])
    h, wd = rng.randint(5, 30), rng.randint(5, 30)
    if kind == "winograd":
        c, o, k = rng.randint(8, 48), rng.randint(8, 80), 3
        d["padding"] = rng.choice([0, 1, 1, "same"])
    elif kind == "gemm":
        c, o, k = rng.randint(20, 48), rng.randint(40, 80), rng.choice([3, 5])
        d["stride"] = [rng.choice([1, 2]), rng.choice([1, 2])]
        d["dilation"] = [rng.choice([1, 2]), 1]
        d["padding"] = 2
    elif kind == "pointwise":
        c, o, k = rng.randint(100, 400), rng.randint(20, 80), 1
        d["padding"] = 0
    elif kind == "depthwise":
        c, k = rng.randint(4, 20), rng.choice([3, 3, 5])
        o = c * rng.choice([1, 2])
        h, wd = rng.randint(8, 40), rng.randint(8, 40)
        d.update(groups=c, stride=[rng.choice([1, 2])] * 2, padding=k // 2)
    else:
        c, o, k = 3, rng.randint(8, 70), 7
        h, wd = rng.randint(20, 40), rng.randint(20, 40)
        d.update(stride=[2, 2], padding=3)
    n = rng.choice([1, 1, 2])
    x = torch.randn([n, c, h, wd], generator=gen)
    w = torch.randn([o, c // d["groups"], k, k], generator=gen)
    b = torch.randn([o], generator=gen) if rng.random() < 0.5 else None
    return make_case(f"large-{kind}-{index}", "conv2d", x, w, b, d)


def make_case(name, op, x, w, b, opt):
    y, abs_sum = reference(x.double(), w.double(), None if b is None else b.double(), opt)
    case = {"name": name, "op": op, "x": enc(x), "weight": enc(w), "options": opt, "expected": enc(y),
            "terms": int(w.shape[1] * w.shape[2] * w.shape[3]) + 1, "absSum": abs_sum}
    if b is not None:
        case["bias"] = enc(b)
    return case


def edge_cases(gen):
    """Hand-picked corners of torch's semantics."""
    cases = []
    d = lambda **k: {"stride": [1, 1], "padding": 0, "dilation": [1, 1], "groups": 1, "paddingMode": "zeros", **k}
    x = torch.randn([1, 2, 6, 7], generator=gen)
    cases.append(make_case("same-even-kernel-4x4", "conv2d", x, torch.randn([3, 2, 4, 4], generator=gen), None, d(padding="same")))
    cases.append(make_case("same-even-kernel-2x6-dilated", "conv2d", x, torch.randn([2, 2, 2, 6], generator=gen), None, d(padding="same", dilation=[2, 1])))
    cases.append(make_case("kernel-equals-input", "conv2d", x, torch.randn([4, 2, 6, 7], generator=gen), torch.randn([4], generator=gen), d()))
    cases.append(make_case("stride-larger-than-kernel", "conv2d", x, torch.randn([2, 2, 2, 2], generator=gen), None, d(stride=[3, 4])))
    for mode in MODES:
        cases.append(make_case(f"same-{mode}-even", "conv2d", x, torch.randn([2, 2, 4, 3], generator=gen), None, d(padding="same", paddingMode=mode)))
        cases.append(make_case(f"asymmetric-{mode}", "conv2d", x, torch.randn([2, 2, 3, 3], generator=gen), None, d(padding=[0, 2, 1, 0], paddingMode=mode)))
    xc = torch.randn([4, 9, 9], generator=gen)
    cases.append(make_case("depthwise-multiplier-3-unbatched", "depthwiseConv2d", xc, torch.randn([12, 1, 3, 3], generator=gen), torch.randn([12], generator=gen), d(groups=4, padding=1)))
    cases.append(make_case("depthwise-stride-2", "depthwiseConv2d", xc, torch.randn([4, 1, 3, 3], generator=gen), None, d(groups=4, stride=[2, 2], padding=1)))
    cases.append(make_case("pointwise", "pointwiseConv2d", xc, torch.randn([6, 4, 1, 1], generator=gen), torch.randn([6], generator=gen), d()))
    # separable: depthwise (padding 'same', reflect) then pointwise, reference composed in float64
    dw, pw = torch.randn([4, 1, 3, 3], generator=gen), torch.randn([5, 4, 1, 1], generator=gen)
    opt = d(groups=4, padding="same", paddingMode="reflect")
    mid, mid_abs = reference(xc.double(), dw.double(), None, opt)
    y = F.conv2d(mid.unsqueeze(0), pw.double()).squeeze(0)
    y_abs = F.conv2d(reference(xc.double().abs(), dw.double().abs(), None, opt)[0].unsqueeze(0), pw.double().abs()).max()
    cases.append({"name": "separable-same-reflect", "op": "separableConv2d", "x": enc(xc), "weight": enc(dw), "pointwise": enc(pw),
                  "options": {"padding": "same", "paddingMode": "reflect"}, "expected": enc(y), "terms": 9 + 4 + 1, "absSum": float(y_abs)})
    cases.append(separable_full_case(torch.Generator().manual_seed(7)))
    return cases


def separable_full_case(gen):
    """separableConv2d with every option of its depth-wise step (multiplier 2, stride, dilation,
    padding, both biases); the intermediate depth-wise output is checked too. Its own generator,
    so adding it left the other fixtures unchanged."""
    x = torch.randn([2, 3, 11, 10], generator=gen)
    dw, dwb = torch.randn([6, 1, 3, 3], generator=gen), torch.randn([6], generator=gen)
    pw, pb = torch.randn([4, 6, 1, 1], generator=gen), torch.randn([4], generator=gen)
    kw = dict(stride=(2, 1), dilation=(1, 2), padding=2, groups=3)
    mid = F.conv2d(x.double(), dw.double(), dwb.double(), **kw)
    y = F.conv2d(mid, pw.double(), pb.double())
    mid_abs = F.conv2d(x.double().abs(), dw.double().abs(), dwb.double().abs(), **kw)
    y_abs = F.conv2d(mid_abs, pw.double().abs(), pb.double().abs()).max()
    return {"name": "separable-multiplier-stride-dilation-biases", "op": "separableConv2d", "x": enc(x), "weight": enc(dw),
            "pointwise": enc(pw), "depthwiseBias": enc(dwb), "bias": enc(pb),
            "options": {"stride": [2, 1], "dilation": [1, 2], "padding": 2, "paddingMode": "zeros"},
            "expected": enc(y), "intermediate": enc(mid), "terms": 9 + 6 + 2, "absSum": float(y_abs)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fresh", type=int, default=0, help="print N fresh random cases to stdout instead")
    ap.add_argument("--large", type=int, default=0, help="print N fresh layer-sized cases to stdout instead")
    ap.add_argument("--seed", type=int, default=20261125)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    if args.large:
        json.dump({"torch": torch.__version__, "cases": [large_case(rng, gen, i) for i in range(args.large)]}, sys.stdout)
        return
    if args.fresh:
        json.dump({"torch": torch.__version__, "cases": [random_case(rng, gen, i) for i in range(args.fresh)]}, sys.stdout)
        return
    cases = edge_cases(gen) + [random_case(rng, gen, i) for i in range(160)]
    out = {"generator": "test/torch/make_fixtures.py", "torch": torch.__version__, "seed": args.seed, "cases": cases}
    path = os.path.join(HERE, "fixtures.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.relpath(path)} ({os.path.getsize(path) / 1e3:.0f} kB), torch {torch.__version__}")


if __name__ == "__main__":
    main()
