// Builds the whole in-memory model for a size and a seed; ties and memberships are then streamed from it.
import { Draws } from '../draws.js';
import { apportion, at } from './lists.js';
import type { Ecosystem } from './model.js';
import { PopulationBuilder } from './people-and-organisations.js';
import { plantedCount, plantedSpecs, type PlantedCommunity } from './planted-communities.js';
import { buildPools } from './sampling-pools.js';
import { addSourceRecords, assignExternalIds } from './source-records.js';

export interface ModelOptions {
  stakeholders: number;
  seed: number;
}

/** Builds the whole in-memory model (O(stakeholders)); ties and memberships are streamed from it. */
export function buildEcosystem(options: ModelOptions): Ecosystem {
  const n = Math.max(20, Math.floor(options.stakeholders));
  const rng = new Draws(options.seed, 'model');
  const k = plantedCount(n);
  const specs = plantedSpecs(k);
  const weights = specs.map((s) => s.weight * rng.logNormal(1, 0.25));
  const sizes = apportion(n, weights);
  const planted: PlantedCommunity[] = specs.map((s, index) => ({ ...s, index, size: at(sizes, index) }));
  const builder = new PopulationBuilder(rng, planted);
  for (const c of planted) builder.populate(c);
  builder.finish();
  const { entities } = builder;
  addSourceRecords(entities, rng);
  assignExternalIds(entities, rng);
  return { seed: options.seed, entities, planted, pools: buildPools(entities, planted) };
}
