// The import mutations: importData (the same parse → validate → resolve → write path as `npm run import`), and the
// same import as a job the page polls and may cancel (startImport, importJob, cancelImport; decision 106).
import type { ImportInput, Resolvers } from '../generated/resolvers-types.js';
import type { Database } from '../../db/database.js';
import { roleAtLeast } from '../../domain/access.js';
import { apiError, badInput, notFound } from '../../errors.js';
import { parseImportContent } from '../../import/read-input.js';
import { importParsed, type ImportOptions } from '../../import/import-bundle.js';
import { ImportBusyError, percentOf, type ImportWork } from '../../import/import-jobs.js';
import { optionalText } from '../common/validation.js';

const MAX_JOB_ID = 100;

/** Checks the input's arguments now, and returns its parse to run (here, or in a job). */
function parserOf(input: ImportInput): () => ReturnType<typeof parseImportContent> {
  const source = optionalText('input.source', input.source, 100) ?? undefined;
  return () =>
    parseImportContent(input.format, input.content, {
      ...(source === undefined ? {} : { source }),
      keepSummaries: input.keepSummaries ?? false,
    });
}

function jobWork(db: Database, input: ImportInput): ImportWork {
  const parse = parserOf(input);
  return async ({ setPhase, onProgress, control }) => {
    const parsed = parse();
    setPhase('resolving');
    const options: ImportOptions = { dryRun: input.dryRun ?? false, onProgress, control };
    return importParsed(db, parsed, options);
  };
}

function jobId(id: string): string {
  if (id.length > MAX_JOB_ID) throw badInput('id', `must be at most ${MAX_JOB_ID} characters`);
  return id;
}

export const importResolvers: Resolvers = {
  Query: {
    importJob: (_, { id }, { importJobs }) => importJobs.get(jobId(id)),
  },
  Mutation: {
    importData: async (_, { input }, { db }) => {
      const parsed = parserOf(input)();
      return importParsed(db, parsed, { dryRun: input.dryRun ?? false });
    },
    startImport: (_, { input }, { db, viewer, importJobs }) => {
      try {
        return importJobs.start(jobWork(db, input), viewer?.name ?? null);
      } catch (error) {
        if (error instanceof ImportBusyError) throw apiError('UNAVAILABLE', error.message, { job: error.runningId });
        throw error;
      }
    },
    cancelImport: (_, { id }, { viewer, importJobs }) => {
      const job = importJobs.get(jobId(id));
      if (job === null) throw notFound('import job', id);
      const admin = viewer !== null && viewer.role !== null && roleAtLeast(viewer.role, 'admin');
      if (!admin && (viewer === null || viewer.name !== job.startedBy)) {
        throw apiError('FORBIDDEN', 'Only who started this import, or an admin, may cancel it.');
      }
      if (job.status === 'CANCELLED') return job;
      if (!importJobs.requestCancel(job)) {
        throw badInput(
          'id',
          job.status === 'RUNNING'
            ? 'this import can no longer be cancelled: it is committing, or changing stakeholders that existed before'
            : `this import has already ended (${job.status})`,
        );
      }
      return job;
    },
  },
  ImportJob: {
    percent: (job) => percentOf(job),
  },
};
