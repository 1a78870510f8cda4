// The benchmark page drawn by sigma 4 (installed as the devDependency `sigma4`, bench only), with the same settings.
import Sigma from 'sigma4';
import { runPage } from './page';

runPage(
  'sigma 4',
  (graph, container) =>
    new Sigma(graph, container, {
      settings: {
        labelDensity: 0.6,
        labelGridCellSize: 110,
        labelRenderedSizeThreshold: 9,
        stagePadding: 40,
        minCameraRatio: 0.02,
        maxCameraRatio: 4,
        enableNodeDrag: false,
        hideEdgesOnMove: new URLSearchParams(window.location.search).get('hideEdgesOnMove') === '1',
      },
    }),
);
