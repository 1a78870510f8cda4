// Camera helpers: focus a node, fit a set of nodes, zoom, reset — thin wrappers over sigma's camera animations.
import { fitViewportToNodes } from '@sigma/utils';
import type Sigma from 'sigma';
import type { AtlasSigma } from './context';

export const CAMERA_DURATION = 500;
/** Camera ratio when focusing a node (smaller is closer). */
export const FOCUS_RATIO = 0.25;

/** Moves the camera onto a node; resolves false when the node is not drawn. */
export async function focusNode(sigma: AtlasSigma, node: string, ratio = FOCUS_RATIO): Promise<boolean> {
  const data = sigma.getNodeDisplayData(node);
  if (data === undefined) return false;
  // Display data is in graph space; the camera works in the normalised "framed graph" space. Passing the
  // camera state makes both conversions use one freshly computed matrix (the cached one may predate a resize).
  const camera = sigma.getCamera();
  const cameraState = camera.getState();
  const target = sigma.viewportToFramedGraph(sigma.graphToViewport(data, { cameraState }), { cameraState });
  await camera.animate({ x: target.x, y: target.y, ratio: Math.min(camera.ratio, ratio) }, { duration: CAMERA_DURATION });
  return true;
}

/** Moves and zooms the camera so that the drawn ones of these nodes are all in view. */
export async function fitNodes(sigma: AtlasSigma, nodes: readonly string[]): Promise<void> {
  const drawn = nodes.filter((node) => {
    const data = sigma.getNodeDisplayData(node);
    return data !== undefined && !data.hidden;
  });
  if (drawn.length === 0) return;
  if (drawn.length === 1) {
    await focusNode(sigma, drawn[0] as string);
    return;
  }
  // @sigma/utils is typed for untyped-attribute sigma; ours only narrows the attributes.
  await fitViewportToNodes(sigma as unknown as Sigma, drawn, { animate: true });
}

export function zoomIn(sigma: AtlasSigma): void {
  void sigma.getCamera().animatedZoom({ duration: CAMERA_DURATION / 2 });
}

export function zoomOut(sigma: AtlasSigma): void {
  void sigma.getCamera().animatedUnzoom({ duration: CAMERA_DURATION / 2 });
}

export function resetCamera(sigma: AtlasSigma): void {
  void sigma.getCamera().animatedReset({ duration: CAMERA_DURATION });
}
