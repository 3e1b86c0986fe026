import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { ExportFileIndex, type ExportFileIndexOptions, type ExportFileRead, type ReloadOutcome } from './export-file-index';

/** What every export-file adapter takes from its subgraph (and tests): the file, the timeout, the watcher tuning. */
export interface ExportFileClientOptions {
  /** The export file (the subgraph's legacyLocation). */
  path: string;
  /** Time a lookup may wait for the first index while it is still being built. */
  timeoutMs: number;
  /** Stat polling interval, the safety net under fs.watch (which misses events on some filesystems). @default 1000 */
  pollIntervalMs?: number;
  /** Quiet time after a change event before reading, so a burst of writes is read once. @default 50 */
  settleMs?: number;
  /** Reads the file. Injectable so tests can make a load slow or count reads. */
  readExport?: (file: string) => Promise<ExportFileRead>;
  logger?: Logger;
}

/** The agency's side of an export-file adapter: its names and its parser. */
export type ExportFileAgency<TIndex, TSummary extends object> = Pick<
  ExportFileIndexOptions<TIndex, TSummary>,
  'agency' | 'system' | 'contents' | 'parse'
> & {
  /** The logger name used when the options bring no logger (`samsat:export-client`). */
  loggerName: string;
};

/**
 * The common body of an agency's export-file adapter (SAMSAT, DJP, SIMKAH): it builds the
 * kit's ExportFileIndex from the common options and passes the lifecycle through. The agency's
 * subclass adds its lookups and its status (the summary's counts under the agency's names).
 */
export abstract class ExportFileClient<TIndex, TSummary extends object> {
  protected readonly index: ExportFileIndex<TIndex, TSummary>;

  /** `maxWarnings`: warnings logged one by one per load (the agency's option may name it otherwise). */
  protected constructor(options: ExportFileClientOptions, maxWarnings: number | undefined, agency: ExportFileAgency<TIndex, TSummary>) {
    this.index = new ExportFileIndex({
      path: options.path,
      timeoutMs: options.timeoutMs,
      pollIntervalMs: options.pollIntervalMs,
      settleMs: options.settleMs,
      readExport: options.readExport,
      maxWarnings,
      logger: options.logger ?? createLogger(agency.loggerName),
      agency: agency.agency,
      system: agency.system,
      contents: agency.contents,
      parse: agency.parse,
    });
  }

  get file(): string {
    return this.index.file;
  }

  /** Index lookups made so far (one per DataLoader batch). */
  get lookupCount(): number {
    return this.index.lookupCount;
  }

  /** Builds the first index and starts watching the file. Resolves even when no good file exists yet. */
  start(): Promise<ReloadOutcome> {
    return this.index.start();
  }

  stop(): Promise<void> {
    return this.index.stop();
  }

  /**
   * Reads the file and swaps the index if it is a good export. Reloads never overlap; calls
   * made while one runs share the next one.
   */
  reload(): Promise<ReloadOutcome> {
    return this.index.reload();
  }
}

/** The entries of `keys` present in `index`, in key order; absent keys are left out (the caller answers []). */
export function pickPresent<K, V>(index: ReadonlyMap<K, V>, keys: readonly K[]): Map<K, V> {
  const found = new Map<K, V>();
  for (const key of keys) {
    const value = index.get(key);
    if (value !== undefined) found.set(key, value);
  }
  return found;
}
