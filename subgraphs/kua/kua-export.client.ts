import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { maskNik } from '../kit/nik';
import { ExportFormatError, parseExportText } from './kua-export.format';
import { mapMarriageRow, recordsOf } from './kua.mapper';
import type { MarriageRecord } from './kua.records';
import { KUA_AGENCY } from './kua.system';

/** One read of the export file: its bytes and a signature that changes when the file does. */
export interface ExportFileRead {
  signature: string;
  bytes: Buffer;
}

export interface KuaExportClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/kua/SIMKAH_EKSPOR_NIKAH.csv`. */
  path: string;
  /** Time a lookup may wait for the first index while it is still being built. */
  timeoutMs: number;
  /** Stat polling interval, the safety net under fs.watch (which misses events on some filesystems). @default 1000 */
  pollIntervalMs?: number;
  /** Quiet time after a change event before reading, so a burst of writes is read once. @default 50 */
  settleMs?: number;
  /** Reads the file. Injectable so tests can make the first load slow. */
  readExport?: (file: string) => Promise<ExportFileRead>;
  /** Unreadable values logged one by one per load; the rest are only counted. @default 50 */
  maxValueWarnings?: number;
  logger?: Logger;
}

/** What one reload did: swapped in a new index, saw the same file, or kept the last good index. */
export type ReloadOutcome = 'loaded' | 'unchanged' | 'rejected' | 'missing';

export interface ExportIndexStatus {
  /** Number of good exports indexed so far (0 = never: lookups fail with AGENCY_UNAVAILABLE). */
  generation: number;
  /** The trailer date of the export being served, dd-mm-yyyy. */
  exportedOn: string | null;
  /** Detail lines (marriages) indexed. */
  marriages: number;
  /** Distinct NIKs (spouses) the index answers for. */
  citizens: number;
  /** Detail lines of the served export that were skipped (no usable NIK, same NIK twice, field count). */
  skippedLines: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
}

interface ExportIndex {
  byNik: ReadonlyMap<string, readonly MarriageRecord[]>;
  exportedOn: string;
  marriages: number;
  skippedLines: number;
}

/** Share of unusable detail lines above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The KUA adapter. SIMKAH's interface for us is an export file, not a service: we index it in
 * memory by BOTH spouses' NIKs (each sees the marriage with their own role and the other as
 * spouse) and swap the index atomically when the file changes. A new file is read completely
 * and validated (header, trailer line count, final line break) before it replaces the index; a
 * missing, half-written or garbage file never does: the last good export keeps being served and
 * a warning is logged. Before any good export, lookups fail with AGENCY_UNAVAILABLE.
 */
export class KuaExportClient {
  private index: ExportIndex | null = null;
  private generation = 0;
  private lastSignature: string | null = null;
  private lastRejection: string | null = null;
  private firstLoad: Promise<unknown> | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private queued: Promise<ReloadOutcome> | null = null;
  private watcher: fs.FSWatcher | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lookups = 0;
  private readonly logger: Logger;
  private readonly onPoll = (): void => this.scheduleReload();

  constructor(private readonly options: KuaExportClientOptions) {
    this.logger = options.logger ?? createLogger('kua:export-client');
  }

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
    await Promise.race([this.running, new Promise((resolve) => (timer = setTimeout(resolve, this.options.timeoutMs)))]);
    clearTimeout(timer);
  }

  status(): ExportIndexStatus {
    return {
      generation: this.generation,
      exportedOn: this.index?.exportedOn ?? null,
      marriages: this.index?.marriages ?? 0,
      citizens: this.index?.byNik.size ?? 0,
      skippedLines: this.index?.skippedLines ?? 0,
      lastRejection: this.lastRejection,
    };
  }

  /**
   * The marriages of each NIK (as husband or as wife), as one index lookup for the whole batch.
   * NIKs without a marriage are absent from the result (the caller answers []).
   */
  async findMarriages(niks: readonly string[]): Promise<ReadonlyMap<string, readonly MarriageRecord[]>> {
    this.lookups += 1;
    const index = this.index ?? (await this.waitForFirstIndex());
    const found = new Map<string, readonly MarriageRecord[]>();
    for (const nik of niks) {
      const marriages = index.byNik.get(nik);
      if (marriages) found.set(nik, marriages);
    }
    return found;
  }

  /**
   * Reads the file and swaps the index if it is a good export. Reloads never overlap; calls
   * made while one runs share the next one.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = null;
      return this.loadOnce();
    });
    this.queued = next;
    this.running = next.catch(() => undefined);
    return next;
  }

  /** The subgraph is starting and the first index is still being built: wait, within the timeout. */
  private async waitForFirstIndex(): Promise<ExportIndex> {
    if (this.firstLoad && this.generation === 0 && this.lastSignature === null) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
      });
      const outcome = await Promise.race([this.firstLoad, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        throw new LegacyError('AGENCY_TIMEOUT', KUA_AGENCY, `the first index of ${this.options.path} was not ready within ${this.options.timeoutMs} ms`);
      }
    }
    if (this.index) return this.index;
    throw new LegacyError(
      'AGENCY_UNAVAILABLE',
      KUA_AGENCY,
      `no good SIMKAH export has been read from ${this.options.path} yet${this.lastRejection ? ` (${this.lastRejection})` : ''}`,
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
      this.refuse(`the export file cannot be read (${code ?? (error as Error).message})`);
      return 'rejected';
    }
    if (read.signature === this.lastSignature) return 'unchanged';
    this.lastSignature = read.signature;
    try {
      const index = this.buildIndex(read.bytes);
      // The swap: one assignment. A lookup holds either the old index or the new one, never a mix.
      this.index = index;
      this.generation += 1;
      this.lastRejection = null;
      this.logger.info(
        {
          file: this.options.path,
          generation: this.generation,
          exportedOn: index.exportedOn,
          marriages: index.marriages,
          citizens: index.byNik.size,
          skippedLines: index.skippedLines,
        },
        'SIMKAH export indexed',
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
    const served = this.index
      ? `keeping the export of ${this.index.exportedOn} (generation ${this.generation})`
      : 'no good export yet: marriages are unavailable';
    this.logger.warn({ file: this.options.path, reason }, `SIMKAH export not indexed; ${served}`);
  }

  private buildIndex(bytes: Buffer): ExportIndex {
    const parsed = parseExportText(bytes.toString('utf8'));
    const byNik = new Map<string, MarriageRecord[]>();
    const maxWarnings = this.options.maxValueWarnings ?? 50;
    let warnings = 0;
    let skippedLines = 0;
    let marriages = 0;
    const warn = (fields: Record<string, unknown>, message: string): void => {
      warnings += 1;
      if (warnings <= maxWarnings) this.logger.warn({ file: this.options.path, ...fields }, message);
    };
    for (const row of parsed.rows) {
      if (row.values === null) {
        skippedLines += 1;
        warn({ line: row.line, fields: row.fieldCount }, 'SIMKAH export line skipped: wrong number of fields');
        continue;
      }
      const { line } = row;
      const entry = mapMarriageRow(row.values, (column, expected) =>
        warn({ line, column }, `SIMKAH export value unreadable, expected ${expected}: null`),
      );
      if (entry.husband.nik === null && entry.wife.nik === null) {
        skippedLines += 1;
        warn({ line }, 'SIMKAH export line skipped: neither NIK_SUAMI nor NIK_ISTRI is a valid NIK');
        continue;
      }
      if (entry.husband.nik === entry.wife.nik) {
        skippedLines += 1;
        warn({ line, nik: maskNik(entry.husband.nik ?? '') }, 'SIMKAH export line skipped: the same NIK for husband and wife');
        continue;
      }
      for (const record of recordsOf(entry)) {
        const held = byNik.get(record.holderNik);
        if (held) held.push(record);
        else byNik.set(record.holderNik, [record]);
      }
      marriages += 1;
    }
    if (warnings > maxWarnings) {
      this.logger.warn({ file: this.options.path, suppressed: warnings - maxWarnings }, 'more SIMKAH export warnings suppressed');
    }
    if (parsed.rows.length > 0 && skippedLines / parsed.rows.length > MAX_SKIPPED_SHARE) {
      throw new ExportFormatError(`${skippedLines} of ${parsed.rows.length} detail lines are unusable; this is not a marriage export`);
    }
    return { byNik, exportedOn: parsed.exportedOn, marriages, skippedLines };
  }

  /**
   * fs.watch on the directory, not the file: the exporter publishes by rename, which replaces
   * the inode a file watch would follow. Stat polling covers a directory that does not exist
   * yet and filesystems where fs.watch is silent.
   */
  private watch(): void {
    const directory = path.dirname(this.options.path);
    const name = path.basename(this.options.path);
    try {
      this.watcher = fs.watch(directory, { persistent: false }, (_event, changed) => {
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
      this.reload().catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'SIMKAH export reload failed'));
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
