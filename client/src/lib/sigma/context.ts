// Typed Svelte context giving renderless controllers and overlays the live Sigma instance.
import { createContext } from 'svelte';
import type Sigma from 'sigma';
import type { EdgeAttributes, GraphAttributes, NodeAttributes } from '../graph/model';

export type AtlasSigma = Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** A holder read by children of SigmaView; `sigma` is set once the renderer exists. */
export interface SigmaHolder {
  readonly sigma: AtlasSigma;
}

export const [getSigmaContext, setSigmaContext] = createContext<SigmaHolder>();
