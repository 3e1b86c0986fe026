import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { isValidNik, maskNik } from '../kit/nik';
import { ExportFormatError, decodeExport, parseExportText } from './djp-export.format';
import { mapDetail, preferredProfile } from './djp.mapper';
import { notRegistered, type TaxProfileRecord } from './djp.records';
import { DJP_AGENCY } from './djp.system';

/** One read of the export file: its bytes and a signature that changes when the file does. */
export interface ExportFileRead {
  signature: string;
  bytes: Buffer;
}

export interface DjpExportClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/djp/EXPORT_WP_OP.TXT`. */
  path: string;
  /** Time a lookup may wait for the first index while it is still being built. */
  timeoutMs: number;
  /** Stat polling interval, the safety net under fs.watch (which misses events on some filesystems). @default 1000 */
  pollIntervalMs?: number;
  /** Quiet time after a change event before reading, so a burst of writes is read once. @default 50 */
  settleMs?: number;
  /** Reads the file. Injectable so tests can make a load slow or count reads. */
  readExport?: (file: string) => Promise<ExportFileRead>;
  /** Unreadable values and skipped records logged one by one per load; the rest are only counted. @default 50 */
  maxWarnings?: number;
  logger?: Logger;
}

/** What one reload did: swapped in a new index, saw the same file, or kept the last good index. */
export type ReloadOutcome = 'loaded' | 'unchanged' | 'rejected' | 'missing';

export interface ExportIndexStatus {
  /** Good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The header date of the export being served, ISO. */
  exportedOn: string | null;
  /** Detail records indexed. */
  records: number;
  /** Distinct NIKs (records minus duplicates). */
  taxpayers: number;
  /** Records between header and trailer that were skipped (wrong length, unknown type, bad NIK). */
  skippedRecords: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
  /** Files refused so far (missing, unreadable, half-written, garbage): a counter for monitoring. */
  rejections: number;
}

interface ExportIndex {
  byNik: ReadonlyMap<string, TaxProfileRecord>;
  exportedOn: string;
  records: number;
  skippedRecords: number;
}

/** Share of unusable records above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The DJP adapter. The legacy interface is a nightly fixed-width export, not a service: we index
 * it by NIK in memory and swap the index atomically when the file changes. A new file is read
 * completely and validated (header, trailer count, final line break) before it replaces the
 * index; a missing, half-written or garbage file never does: the last good export keeps being
 * served and a warning is logged. Before any good export, lookups fail with AGENCY_UNAVAILABLE.
 */
export class DjpExportClient {
  private index: ExportIndex | null = null;
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
  private readonly logger: Logger;
  private readonly onPoll = (): void => this.scheduleReload();

  constructor(private readonly options: DjpExportClientOptions) {
    this.logger = options.logger ?? createLogger('djp:export-client');
  }

  get file(): string {
    return this.options.path;
  }

  /** Index lookups made so far (one per DataLoader batch). */
  get lookupCount(): number {
    return this.lookups;
  }

  /** Builds the first index and starts watching. Resolves even when no good file exists yet. */
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

  status(): ExportIndexStatus {
    return {
      generation: this.generation,
      exportedOn: this.index?.exportedOn ?? null,
      records: this.index?.records ?? 0,
      taxpayers: this.index?.byNik.size ?? 0,
      skippedRecords: this.index?.skippedRecords ?? 0,
      lastRejection: this.lastRejection,
      rejections: this.rejections,
    };
  }

  /**
   * The tax profile of each NIK, as one index lookup for the whole batch. Every NIK gets an
   * answer: a NIK without a record is NOT_REGISTERED as of the served export's date.
   */
  async findTaxProfiles(niks: readonly string[]): Promise<ReadonlyMap<string, TaxProfileRecord>> {
    this.lookups += 1;
    const index = this.index ?? (await this.waitForFirstIndex());
    const found = new Map<string, TaxProfileRecord>();
    for (const nik of niks) found.set(nik, index.byNik.get(nik) ?? notRegistered(nik, index.exportedOn));
    return found;
  }

  /** Reads the file and swaps the index if it is a good export. Never overlaps another reload. */
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
  private async waitForFirstIndex(): Promise<ExportIndex> {
    if (this.firstLoad && this.generation === 0 && this.lastSignature === null) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs)));
      const outcome = await Promise.race([this.firstLoad, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        throw new LegacyError('AGENCY_TIMEOUT', DJP_AGENCY, `the first index of ${this.options.path} was not ready within ${this.options.timeoutMs} ms`);
      }
    }
    if (this.index) return this.index;
    throw new LegacyError(
      'AGENCY_UNAVAILABLE',
      DJP_AGENCY,
      `no good DJP export has been read from ${this.options.path} yet${this.lastRejection ? ` (${this.lastRejection})` : ''}`,
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
        if (this.lastSignature !== 'missing') this.refuse('the export file is missing');
        this.lastSignature = 'missing';
        this.lastRejection = 'the export file is missing';
        return 'missing';
      }
      this.lastSignature = `error:${code ?? 'unknown'}`;
      this.refuse(`the export file cannot be read (${code ?? (error as Error).name})`);
      return 'rejected';
    }
    if (read.signature === this.lastSignature) return 'unchanged';
    this.lastSignature = read.signature;
    try {
      const index = this.buildIndex(read.bytes);
      // The swap is one assignment: a lookup sees the old index or the new one, never a mix.
      this.index = index;
      this.generation += 1;
      this.lastRejection = null;
      this.logger.info(
        {
          file: this.options.path,
          generation: this.generation,
          exportedOn: index.exportedOn,
          records: index.records,
          taxpayers: index.byNik.size,
          skippedRecords: index.skippedRecords,
        },
        'DJP export indexed',
      );
      return 'loaded';
    } catch (error) {
      // Whatever goes wrong while indexing, the last good index stays: never a crash.
      this.refuse(error instanceof ExportFormatError ? error.message : `the export could not be indexed (${(error as Error).name})`);
      return 'rejected';
    }
  }

  private refuse(reason: string): void {
    this.lastRejection = reason;
    this.rejections += 1;
    const served = this.index
      ? `keeping the export of ${this.index.exportedOn} (generation ${this.generation})`
      : 'no good export yet: tax profiles are unavailable';
    this.logger.warn({ file: this.options.path, reason }, `DJP export not indexed; ${served}`);
  }

  private buildIndex(bytes: Buffer): ExportIndex {
    const parsed = parseExportText(decodeExport(bytes));
    const byNik = new Map<string, TaxProfileRecord>();
    const maxWarnings = this.options.maxWarnings ?? 50;
    let warnings = 0;
    let skippedRecords = 0;
    let records = 0;
    const warn = (fields: Record<string, unknown>, message: string): void => {
      warnings += 1;
      if (warnings <= maxWarnings) this.logger.warn({ file: this.options.path, ...fields }, message);
    };
    for (const detail of parsed.details) {
      if (detail.fields === null) {
        skippedRecords += 1;
        if (detail.reason === 'length') {
          warn({ line: detail.line, length: detail.length }, 'DJP export record skipped: wrong length');
        } else {
          warn({ line: detail.line }, 'DJP export record skipped: unknown record type');
        }
        continue;
      }
      const nik = detail.fields.NIK;
      if (!isValidNik(nik)) {
        skippedRecords += 1;
        warn({ line: detail.line, nik: maskNik(nik) }, 'DJP export record skipped: NIK is not a valid NIK');
        continue;
      }
      const record = mapDetail(nik, detail.fields, parsed.exportedOn, (field, expected) =>
        warn({ line: detail.line, nik: maskNik(nik), field }, `DJP export value unreadable, expected ${expected}: null`),
      );
      const existing = byNik.get(nik);
      byNik.set(nik, existing ? preferredProfile(existing, record) : record);
      records += 1;
    }
    if (warnings > maxWarnings) {
      this.logger.warn({ file: this.options.path, suppressed: warnings - maxWarnings }, 'more DJP export warnings suppressed');
    }
    if (parsed.details.length > 0 && skippedRecords / parsed.details.length > MAX_SKIPPED_SHARE) {
      throw new ExportFormatError(`${skippedRecords} of ${parsed.details.length} records are unusable; this is not a taxpayer export`);
    }
    return { byNik, exportedOn: parsed.exportedOn, records, skippedRecords };
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
      this.reload().catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'DJP export reload failed'));
    }, this.options.settleMs ?? 50);
    this.settleTimer.unref();
  }
}

/** Reads through one file handle, so the signature and the bytes belong to the same file. */
async function readExportFile(file: string): Promise<ExportFileRead> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const stat = await handle.stat();
    const bytes = await handle.readFile();
    return { signature: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`, bytes };
  } finally {
    await handle.close();
  }
}
