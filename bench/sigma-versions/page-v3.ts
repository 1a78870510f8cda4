// The benchmark page drawn by sigma 3 (the client's renderer), with the client's camera and label settings.
import Sigma from 'sigma';
import { runPage } from './page';

runPage(
  'sigma 3',
  (graph, container) =>
    new Sigma(graph, container, {
      labelDensity: 0.6,
      labelGridCellSize: 110,
      labelRenderedSizeThreshold: 9,
      stagePadding: 40,
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      hideEdgesOnMove: new URLSearchParams(window.location.search).get('hideEdgesOnMove') === '1',
    }),
);
