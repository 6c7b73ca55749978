import { arange } from '@convkit/core';
import { HEATMAP_MIME } from '@convkit/schema';
import { heatmap } from './heatmap';

// Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian), as the PNG spec lays it out.
const pngSize = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
};

describe('heatmap panelSize', () => {
  test('sets the static pictures\' size (whole multiples of a value pixel) and travels in the bundle', () => {
    const view = heatmap(arange(9, [3, 3]), { panelSize: 90 });
    const bundle = view[Symbol.for('jupyter.mimebundle')]() as Record<string, unknown>;
    expect((bundle[HEATMAP_MIME] as { panelSize: number }).panelSize).toBe(90);
    expect(pngSize(bundle['image/png'] as string)).toEqual([90, 90]); // 3 values × 30 px
    const inHtml = /src="data:image\/png;base64,([^"]+)"/.exec(bundle['text/html'] as string)?.[1] as string;
    expect(pngSize(inHtml)).toEqual([90, 90]);
    // Without it: 3×3 values at the default ≤ 24 px each.
    expect(pngSize(heatmap(arange(9, [3, 3])).gridPng())).toEqual([72, 72]);
  });

  test('a bad panelSize is named', () => {
    expect(() => heatmap(arange(4, [2, 2]), { panelSize: 4 })).toThrow('heatmap: panelSize must be an integer from 16 to 2048 (CSS pixels), got 4');
  });
});

describe('heatmap options are checked', () => {
  test.each([
    [{ sharedScale: 'yes' }, 'heatmap: sharedScale must be true or false, got "yes"'],
    [{ zmin: 2, zmax: 1 }, 'heatmap: zmax must be greater than zmin (2), got 1'],
    [{ zmin: NaN }, 'heatmap: zmin must be a finite number, got NaN'],
    [{ panelTitles: ['only one'] }, 'heatmap: panelTitles must be an array of 2 strings (one per panel), got ["only one"]'],
    [{ title: 3 }, 'heatmap: title must be a string, got 3'],
  ])('%j', (options, message) => {
    expect(() => heatmap(arange(8, [2, 2, 2]), options as never)).toThrow(message);
  });
});

