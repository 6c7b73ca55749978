import { fromPixels, toGrayscale } from './image';
import { tensor } from './create';

describe('fromPixels / toGrayscale', () => {
  it('de-interleaves RGBA into [C, H, W] in [0, 1], dropping alpha', () => {
    // 2×1 image: red pixel, then half-grey pixel; alpha 255.
    const t = fromPixels({ width: 2, height: 1, data: [255, 0, 0, 255, 128, 128, 128, 255] });
    expect(t.shape).toEqual([3, 1, 2]);
    expect(Array.from(t.data)).toEqual([1, 128 / 255, 0, 128 / 255, 0, 128 / 255].map(Math.fround));
  });

  it('uses BT.601 luma weights', () => {
    const g = toGrayscale(tensor([[[1]], [[1]], [[0]]]));
    expect(g.shape).toEqual([1, 1, 1]);
    expect(g.data[0]).toBeCloseTo(0.299 + 0.587, 6);
  });

  it('names the argument on bad input', () => {
    expect(() => fromPixels({ width: 2, height: 2, data: [1, 2, 3] })).toThrow(/pixels.data must hold width·height·channels/);
    expect(() => toGrayscale(tensor([[[1]], [[1]]]))).toThrow(/1 or 3 channels, got 2/);
  });
});
