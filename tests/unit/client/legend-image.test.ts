// The exported PNG's layout: the legend sits in a strip beside the map, never over it (it used to cover the
// highlighted community in the top-left corner).
import { describe, expect, it } from 'vitest';
import { imageLayout } from '../../../client/src/lib/act/legend-image';

describe('PNG layout', () => {
  it('puts the legend beside the map, inside the image, overlapping nothing of the map', () => {
    const map = { width: 1200, height: 800 };
    for (const legend of [
      { width: 240, height: 300 },
      { width: 300, height: 1100 },
    ]) {
      const layout = imageLayout(map, legend);
      expect(layout.map).toEqual({ x: 0, y: 0 });
      expect(layout.legend.x).toBeGreaterThanOrEqual(layout.map.x + map.width);
      expect(layout.width).toBeGreaterThanOrEqual(layout.legend.x + legend.width);
      expect(layout.height).toBeGreaterThanOrEqual(Math.max(map.height, layout.legend.y + legend.height));
    }
  });
});
