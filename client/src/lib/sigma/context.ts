// Typed Svelte context giving renderless controllers and overlays the live Sigma instance.
import { createContext } from 'svelte';
import type Sigma from 'sigma';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../graph/model';
import type { ReducerContext } from './reducers';

/** The canvas layer HullLayer draws on (the PNG export lays it under sigma's own layers). */
export const HULL_LAYER = 'hulls';

export type AtlasSigma = Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** A holder read by children of SigmaView; `sigma` is set once the renderer exists. */
export interface SigmaHolder {
  readonly sigma: AtlasSigma;
  /** What the reducers apply now (filters, encoding, highlight): exports read the view from it. */
  readonly reducerContext: ReducerContext;
}

export const [getSigmaContext, setSigmaContext] = createContext<SigmaHolder>();
