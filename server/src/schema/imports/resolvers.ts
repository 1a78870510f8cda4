// The import mutation: the same parse → validate → resolve → write path as `npm run import`.
import type { Resolvers } from '../generated/resolvers-types.js';
import { parseImportContent } from '../../import/read-input.js';
import { importParsed } from '../../import/import-bundle.js';
import { optionalText } from '../common/validation.js';

export const importResolvers: Resolvers = {
  Mutation: {
    importData: async (_, { input }, { db }) => {
      const source = optionalText('input.source', input.source, 100) ?? undefined;
      const parse = parseImportContent(input.format, input.content, {
        ...(source === undefined ? {} : { source }),
        keepSummaries: input.keepSummaries ?? false,
      });
      return importParsed(db, parse, { dryRun: input.dryRun ?? false });
    },
  },
};
