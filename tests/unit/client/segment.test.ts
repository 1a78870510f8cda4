// The segment as the API takes it: no role and no community mean the whole ecosystem.
import { describe, expect, it } from 'vitest';
import { segmentInput } from '../../../client/src/lib/state/segment';

describe('segmentInput', () => {
  it('sends roles and community only when chosen', () => {
    expect(segmentInput({ roles: [], roleMatch: 'ANY', community: '' })).toEqual({
      roles: null,
      roleMatch: 'ANY',
      community: null,
    });
    expect(segmentInput({ roles: ['CUSTOMER', 'PARTNER'], roleMatch: 'ALL', community: 'ug-dach' })).toEqual({
      roles: ['CUSTOMER', 'PARTNER'],
      roleMatch: 'ALL',
      community: 'ug-dach',
    });
  });
});
