// Two things sigma 3 does while the camera moves that block the main thread on a large map (decision 114):
// 1. On releasing a drag with `hideEdgesOnMove`, its mouse captor calls `refresh()` to bring the ties back. A full
//    refresh runs every reducer again and re-uploads every node and tie (over a second at 45,000 nodes), although
//    only the camera changed: a render is enough, so that one refresh becomes a render.
// 2. Hover reads a pixel of the picking buffer on every mouse move (`gl.readPixels`), which waits until the GPU has
//    finished drawing the frame. While the button is down the map is being dragged and nothing is hovered, so no
//    pixel is read then.
import type Sigma from 'sigma';
import type { Attributes } from 'graphology-types';

interface Picking {
  getNodeAtPosition(position: { x: number; y: number }): string | null;
}

/** Applies both to a sigma instance; returns the undo (sigma's own methods back). */
export function lightenCameraMoves<N extends Attributes, E extends Attributes, G extends Attributes>(
  sigma: Sigma<N, E, G>,
): () => void {
  const captor = sigma.getMouseCaptor();
  const refresh = sigma.refresh.bind(sigma);
  // getNodeAtPosition is private in sigma's types; it is the method its hover handler calls.
  const picking = sigma as unknown as Picking;
  const nodeAt = picking.getNodeAtPosition.bind(sigma);

  let releasedFromDrag = false;
  const onMouseUp = (): void => {
    if (captor.draggedEvents === 0) return;
    releasedFromDrag = true;
    // The captor's refresh runs in a timeout it set before emitting mouseup; this one runs after it.
    setTimeout(() => (releasedFromDrag = false), 0);
  };
  sigma.refresh = (options) => {
    if (releasedFromDrag && options === undefined) {
      releasedFromDrag = false;
      return sigma.scheduleRender();
    }
    return refresh(options);
  };
  picking.getNodeAtPosition = (position) => (captor.isMouseDown ? null : nodeAt(position));
  captor.on('mouseup', onMouseUp);
  return () => {
    captor.off('mouseup', onMouseUp);
    sigma.refresh = refresh;
    picking.getNodeAtPosition = nodeAt;
  };
}
