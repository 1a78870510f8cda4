// Every export leaves an audit event: the client tells the server what it exported (kind and row count) before saving it.
import { RecordExportDocument } from '../graphql/auth-types';
import { request } from '../graphql/client';

/** The kinds the server records (lower case). */
export type ExportKind = 'csv' | 'gexf' | 'png';

/** Records the export; throws (and the caller does not save the file) when the server refuses or cannot be reached. */
export async function recordExport(kind: ExportKind, count: number): Promise<void> {
  await request(RecordExportDocument, { kind, count: Math.max(0, Math.round(count)) });
}
