import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { LegacyError } from '../errors';

/** One read of the export file: its bytes and a signature that changes when the file does. */
export interface ExportFileRead {
  signature: string;
  bytes: Buffer;
}

/** What one reload did: swapped in a new index, saw the same file, or kept the last good index. */
export type ReloadOutcome = 'loaded' | 'unchanged' | 'rejected' | 'missing';

/** Logs one unreadable value or skipped record; the index caps how many reach the log per load. */
export type ExportWarn = (fields: Record<string, unknown>, message: string) => void;

/**
 * What an agency's parser makes of one complete file: the index with the export's own date and
 * the counts to log and report, or why the file is refused (the last good index then stays).
 */
export type ExportParseResult<TIndex, TSummary extends object> =
  | { index: TIndex; exportedOn: string; summary: TSummary }
  | { rejected: string };

export interface ExportFileIndexOptions<TIndex, TSummary extends object> {
  /** The export file (the subgraph's legacyLocation). */
  path: string;
  /** Time a lookup may wait for the first index while it is still being built. */
  timeoutMs: number;
  /** Stat polling interval, the safety net under fs.watch (which misses events on some filesystems). @default 1000 */
  pollIntervalMs?: number;
  /** Quiet time after a change event before reading, so a burst of writes is read once. @default 50 */
  settleMs?: number;
  /** Reads the file. Injectable so tests can make a load slow or count reads. @default readExportFile */
  readExport?: (file: string) => Promise<ExportFileRead>;
  /** Warnings logged one by one per load; the rest are only counted. @default 50 */
  maxWarnings?: number;
  logger: Logger;
  /** Subgraph name, the `agency` of the LegacyErrors lookups throw (`samsat`). */
  agency: string;
  /** The legacy system as operators know it, in log lines and errors (`SAMSAT`, `SIMKAH`). */
  system: string;
  /** What lookups answer, for the log line when nothing can be served (`vehicles`). */
  contents: string;
  /**
   * The agency's format: bytes of one complete file to an index. Return `{ rejected }` for a
   * file that is not a good export; anything thrown is refused too, by its error name only.
   */
  parse: (bytes: Buffer, warn: ExportWarn) => ExportParseResult<TIndex, TSummary>;
}

export interface ExportFileStatus<TSummary> {
  /** Good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The date of the export being served, in the file's own notation. */
  exportedOn: string | null;
  /** The parser's counts for the export being served. */
  summary: TSummary | null;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
  /** Files refused so far (missing, unreadable, half-written, garbage): a counter for monitoring. */
  rejections: number;
}

interface Loaded<TIndex, TSummary> {
  index: TIndex;
  exportedOn: string;
  summary: TSummary;
}

/**
 * An in-memory index over a nightly export file, the legacy interface of agencies that have no
 * service (SAMSAT, DJP, SIMKAH). A new file is read completely and handed to the agency's parser
 * before it replaces the index, in one assignment; a missing, half-written or garbage file never
 * does: the last good export keeps being served and a warning is logged. Before any good
 * export, lookups fail with AGENCY_UNAVAILABLE (AGENCY_TIMEOUT while the first read is still
 * running past `timeoutMs`). Reloads never overlap.
 */
export class ExportFileIndex<TIndex, TSummary extends object> {
  private loaded: Loaded<TIndex, TSummary> | null = null;
  private generation = 0;
  private lastSignature: string | null = null;
  private lastRejection: string | null = null;
  private rejections = 0;
  private firstLoad: Promise<unknown> | null = null;
  /** The reload under way (or a settled one): reloads are chained, never concurrent. */
  private chain: Promise<unknown> = Promise.resolve();
  /** A reload asked for while another runs: later callers share it. */
  private pending: Promise<ReloadOutcome> | null = null;
  private watcher: fs.FSWatcher | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lookups = 0;
  private readonly onPoll = (): void => this.scheduleReload();

  constructor(private readonly options: ExportFileIndexOptions<TIndex, TSummary>) {}

  get file(): string {
    return this.options.path;
  }

  /** Index lookups made so far (one per DataLoader batch). */
  get lookupCount(): number {
    return this.lookups;
  }

  /** Builds the first index and starts watching the file. Resolves even when no good file exists yet. */
  start(): Promise<ReloadOutcome> {
    const first = this.reload();
    this.firstLoad = first.catch(() => undefined);
    this.watch();
    return first;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.watcher?.close();
    this.watcher = null;
    fs.unwatchFile(this.options.path, this.onPoll);
    // Let a reload in progress finish, but never wait on a read that hangs (a stuck mount).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.chain, new Promise((resolve) => (timer = setTimeout(resolve, this.options.timeoutMs)))]);
    clearTimeout(timer);
  }

  status(): ExportFileStatus<TSummary> {
    return {
      generation: this.generation,
      exportedOn: this.loaded?.exportedOn ?? null,
      summary: this.loaded?.summary ?? null,
      lastRejection: this.lastRejection,
      rejections: this.rejections,
    };
  }

  /**
   * One lookup (count it per batch): `read` runs against the index being served, waiting for
   * the first one within the timeout while the subgraph is starting.
   */
  async lookup<T>(read: (index: TIndex, exportedOn: string) => T): Promise<T> {
    this.lookups += 1;
    const loaded = this.loaded ?? (await this.waitForFirstIndex());
    return read(loaded.index, loaded.exportedOn);
  }

  /**
   * Reads the file and swaps the index if it is a good export. Reloads never overlap; calls
   * made while one runs share the next one.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.pending) return this.pending;
    const next = this.chain.then(() => {
      this.pending = null;
      return this.loadOnce();
    });
    this.pending = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The subgraph is starting and the first read is still running: wait for it, within the timeout. */
  private async waitForFirstIndex(): Promise<Loaded<TIndex, TSummary>> {
    const { agency, path: file, system, timeoutMs } = this.options;
    if (this.firstLoad && this.generation === 0 && this.lastSignature === null) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([this.firstLoad, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        throw new LegacyError('AGENCY_TIMEOUT', agency, `the first index of ${file} was not ready within ${timeoutMs} ms`);
      }
    }
    if (this.loaded) return this.loaded;
    throw new LegacyError(
      'AGENCY_UNAVAILABLE',
      agency,
      `no good ${system} export has been read from ${file} yet${this.lastRejection ? ` (${this.lastRejection})` : ''}`,
    );
  }

  private async loadOnce(): Promise<ReloadOutcome> {
    if (this.stopped) return 'unchanged';
    let read: ExportFileRead;
    try {
      read = await (this.options.readExport ?? readExportFile)(this.options.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        // Logged and counted once per disappearance, not on every poll while it stays missing.
        if (this.lastSignature !== 'missing') this.refuse('the export file is missing');
        this.lastSignature = 'missing';
        this.lastRejection = 'the export file is missing';
        return 'missing';
      }
      this.lastSignature = `error:${code ?? 'unknown'}`;
      this.refuse(`the export file cannot be read (${code ?? (error as Error).message})`);
      return 'rejected';
    }
    if (read.signature === this.lastSignature) return 'unchanged';
    this.lastSignature = read.signature;
    let parsed: ExportParseResult<TIndex, TSummary>;
    try {
      parsed = this.parse(read.bytes);
    } catch (error) {
      // Whatever goes wrong while indexing, the last good index stays: never a crash. The name
      // only: a parser's message may quote the file, NIKs included.
      this.refuse(`the export could not be indexed (${(error as Error).name})`);
      return 'rejected';
    }
    if ('rejected' in parsed) {
      this.refuse(parsed.rejected);
      return 'rejected';
    }
    // The swap is one assignment: a lookup sees the old index or the new one, never a mix.
    this.loaded = parsed;
    this.generation += 1;
    this.lastRejection = null;
    const fields: Record<string, unknown> = { file: this.options.path, generation: this.generation, exportedOn: parsed.exportedOn, ...parsed.summary };
    this.options.logger.info(fields, `${this.options.system} export indexed`);
    return 'loaded';
  }

  /** Runs the agency's parser with a warning budget, so a garbage file cannot flood the log. */
  private parse(bytes: Buffer): ExportParseResult<TIndex, TSummary> {
    const { logger, path: file, system } = this.options;
    const maxWarnings = this.options.maxWarnings ?? 50;
    let warnings = 0;
    const parsed = this.options.parse(bytes, (fields, message) => {
      warnings += 1;
      if (warnings <= maxWarnings) logger.warn({ file, ...fields }, message);
    });
    if (warnings > maxWarnings) logger.warn({ file, suppressed: warnings - maxWarnings }, `more ${system} export warnings suppressed`);
    return parsed;
  }

  private refuse(reason: string): void {
    this.lastRejection = reason;
    this.rejections += 1;
    const served = this.loaded
      ? `keeping the export of ${this.loaded.exportedOn} (generation ${this.generation})`
      : `no good export yet: ${this.options.contents} are unavailable`;
    this.options.logger.warn({ file: this.options.path, reason }, `${this.options.system} export not indexed; ${served}`);
  }

  /**
   * fs.watch on the directory, not the file: the exporter publishes by rename, which replaces
   * the inode a file watch would follow. Stat polling covers a directory that does not exist
   * yet and filesystems where fs.watch is silent.
   */
  private watch(): void {
    const name = path.basename(this.options.path);
    try {
      this.watcher = fs.watch(path.dirname(this.options.path), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) this.scheduleReload();
      });
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      this.watcher = null;
    }
    fs.watchFile(this.options.path, { interval: this.options.pollIntervalMs ?? 1000, persistent: false }, this.onPoll);
  }

  private scheduleReload(): void {
    if (this.stopped) return;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.reload().catch((error: unknown) => this.options.logger.error({ err: (error as Error).message }, `${this.options.system} export reload failed`));
    }, this.options.settleMs ?? 50);
    this.settleTimer.unref();
  }
}

/** Reads through one file handle, so the signature and the bytes belong to the same file. */
export async function readExportFile(file: string): Promise<ExportFileRead> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const stat = await handle.stat();
    const bytes = await handle.readFile();
    return { signature: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`, bytes };
  } finally {
    await handle.close();
  }
}
