// The analysis engine setting: auto by default with a stated threshold; node and gds accepted; anything else refused at start.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/src/config.js';

describe('ATLAS_ANALYSIS_ENGINE', () => {
  it('defaults to auto above a million ties, with a timeout per Graph Data Science step', () => {
    expect(loadConfig({}).analysis).toEqual({ engine: 'auto', gdsMinTies: 1_000_000, gdsTimeoutMs: 900_000 });
  });

  it('accepts node and gds in any case, and a threshold', () => {
    expect(loadConfig({ ATLAS_ANALYSIS_ENGINE: 'GDS' }).analysis.engine).toBe('gds');
    expect(loadConfig({ ATLAS_ANALYSIS_ENGINE: 'node', ATLAS_GDS_MIN_TIES: '50000' }).analysis).toMatchObject({
      engine: 'node',
      gdsMinTies: 50_000,
    });
  });

  it('refuses an unknown engine or a bad threshold, naming the variable', () => {
    expect(() => loadConfig({ ATLAS_ANALYSIS_ENGINE: 'spark' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATLAS_ANALYSIS_ENGINE: 'spark' })).toThrow(/ATLAS_ANALYSIS_ENGINE/);
    expect(() => loadConfig({ ATLAS_GDS_MIN_TIES: '-1' })).toThrow(/ATLAS_GDS_MIN_TIES/);
    expect(() => loadConfig({ ATLAS_GDS_TIMEOUT_MS: '10' })).toThrow(/ATLAS_GDS_TIMEOUT_MS/);
  });
});
