// The importer's own report: the stage lines of its log that the bulk path passes on to its caller.
import { expect, it } from 'vitest';
import { importArguments, importerStages } from '../../../server/src/db/offline-import.js';

it('keeps the stage timings and the peak memory of the importer log, nothing else', () => {
  const log = [
    'Neo4j version: 5.26.30',
    '(1/4) Node import 2026-11-30 02:04:44.968+0000',
    '.......... .......... .......... .......... ..........   5% ∆2s 783ms [2s 783ms]',
    'Node import COMPLETED in 8s 848ms',
    'Relationship import COMPLETED in 11s 204ms',
    'Relationship linking COMPLETED in 7s 913ms',
    'Post processing COMPLETED in 4s 980ms',
    '',
    'IMPORT DONE in 40s 292ms. ',
    'Imported:',
    '  31454 nodes',
    'Peak memory usage: 1.033GiB',
  ].join('\n');
  expect(importerStages(log)).toEqual([
    'Node import COMPLETED in 8s 848ms',
    'Relationship import COMPLETED in 11s 204ms',
    'Relationship linking COMPLETED in 7s 913ms',
    'Post processing COMPLETED in 4s 980ms',
    'IMPORT DONE in 40s 292ms.',
    'Peak memory usage: 1.033GiB',
  ]);
  expect(importerStages('')).toEqual([]);
});

it('names every file and fails on any bad entry', () => {
  const args = importArguments(
    {
      lib: '/lib',
      homeDir: '/home',
      database: 'neo4j',
      nodes: ['/n.csv'],
      relationships: ['/r.csv'],
      multiline: [],
      arrayDelimiter: ';',
      heap: '1g',
      offHeap: '2g',
    },
    '/report',
  );
  expect(args).toContain('--nodes=/n.csv');
  expect(args).toContain('--relationships=/r.csv');
  expect(args).toContain('--bad-tolerance=0');
  expect(args.at(-1)).toBe('neo4j');
});
