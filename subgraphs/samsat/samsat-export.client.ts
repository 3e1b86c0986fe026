import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { LegacyError } from '../kit/errors';
import { createLogger } from '../kit/logger';
import { isValidNik, maskNik } from '../kit/nik';
import { ExportFormatError, parseExportText } from './samsat-export.format';
import { mapVehicleRow } from './samsat.mapper';
import type { VehicleRecord } from './samsat.records';

const AGENCY = 'samsat';

/** One read of the export file: its bytes and a signature that changes when the file does. */
export interface ExportFileRead {
  signature: string;
  bytes: Buffer;
}

export interface SamsatExportClientOptions {
  /** The export file (the subgraph's legacyLocation), e.g. `<dataDir>/samsat/EXPORT_KENDARAAN.csv`. */
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
  /** The trailer date of the export being served, dd/mm/yyyy. */
  exportedOn: string | null;
  vehicles: number;
  owners: number;
  /** Detail lines of the served export that were skipped (bad NIK or field count). */
  skippedLines: number;
  /** Why the latest file seen was not indexed, if it was not. */
  lastRejection: string | null;
}

interface ExportIndex {
  byNik: ReadonlyMap<string, readonly VehicleRecord[]>;
  exportedOn: string;
  vehicles: number;
  skippedLines: number;
}

/** Share of unusable detail lines above which a complete-looking file is still refused. */
const MAX_SKIPPED_SHARE = 0.5;

/**
 * The SAMSAT adapter. The legacy interface is a nightly export file, not a service: we index
 * it by owner NIK in memory and swap the index atomically when the file changes. A new file is
 * read completely and validated (header, trailer line count, final line break) before it
 * replaces the index; a missing, half-written or garbage file never does: the last good
 * export keeps being served and a warning is logged. Before any good export, lookups fail
 * with AGENCY_UNAVAILABLE.
 */
export class SamsatExportClient {
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

  constructor(private readonly options: SamsatExportClientOptions) {
    this.logger = options.logger ?? createLogger('samsat:export-client');
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
      vehicles: this.index?.vehicles ?? 0,
      owners: this.index?.byNik.size ?? 0,
      skippedLines: this.index?.skippedLines ?? 0,
      lastRejection: this.lastRejection,
    };
  }

  /**
   * The vehicles of each NIK, as one index lookup for the whole batch. NIKs without a
   * vehicle are absent from the result (the caller answers []).
   */
  async findVehicles(niks: readonly string[]): Promise<ReadonlyMap<string, readonly VehicleRecord[]>> {
    this.lookups += 1;
    const index = this.index ?? (await this.waitForFirstIndex());
    const found = new Map<string, readonly VehicleRecord[]>();
    for (const nik of niks) {
      const vehicles = index.byNik.get(nik);
      if (vehicles) found.set(nik, vehicles);
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
        throw new LegacyError('AGENCY_TIMEOUT', AGENCY, `the first index of ${this.options.path} was not ready within ${this.options.timeoutMs} ms`);
      }
    }
    if (this.index) return this.index;
    throw new LegacyError(
      'AGENCY_UNAVAILABLE',
      AGENCY,
      `no good SAMSAT export has been read from ${this.options.path} yet${this.lastRejection ? ` (${this.lastRejection})` : ''}`,
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
        { file: this.options.path, generation: this.generation, exportedOn: index.exportedOn, vehicles: index.vehicles, owners: index.byNik.size, skippedLines: index.skippedLines },
        'SAMSAT export indexed',
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
      : 'no good export yet: vehicles are unavailable';
    this.logger.warn({ file: this.options.path, reason }, `SAMSAT export not indexed; ${served}`);
  }

  private buildIndex(bytes: Buffer): ExportIndex {
    const parsed = parseExportText(bytes.toString('utf8'));
    const byNik = new Map<string, VehicleRecord[]>();
    const maxWarnings = this.options.maxValueWarnings ?? 50;
    let warnings = 0;
    let skippedLines = 0;
    let vehicles = 0;
    const warn = (fields: Record<string, unknown>, message: string): void => {
      warnings += 1;
      if (warnings <= maxWarnings) this.logger.warn({ file: this.options.path, ...fields }, message);
    };
    for (const row of parsed.rows) {
      if (row.values === null) {
        skippedLines += 1;
        warn({ line: row.line, fields: row.fieldCount }, 'SAMSAT export line skipped: wrong number of fields');
        continue;
      }
      const nik = row.values.NIK_PEMILIK.trim();
      if (!isValidNik(nik)) {
        skippedLines += 1;
        warn({ line: row.line, nik: maskNik(nik) }, 'SAMSAT export line skipped: NIK_PEMILIK is not a valid NIK');
        continue;
      }
      const record = mapVehicleRow(nik, row.values, (column, expected) =>
        warn({ line: row.line, nik: maskNik(nik), column }, `SAMSAT export value unreadable, expected ${expected}: null`),
      );
      const owned = byNik.get(nik);
      if (owned) owned.push(record);
      else byNik.set(nik, [record]);
      vehicles += 1;
    }
    if (warnings > maxWarnings) {
      this.logger.warn({ file: this.options.path, suppressed: warnings - maxWarnings }, 'more SAMSAT export warnings suppressed');
    }
    if (parsed.rows.length > 0 && skippedLines / parsed.rows.length > MAX_SKIPPED_SHARE) {
      throw new ExportFormatError(`${skippedLines} of ${parsed.rows.length} detail lines are unusable; this is not a vehicle export`);
    }
    return { byNik, exportedOn: parsed.exportedOn, vehicles, skippedLines };
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
      this.reload().catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'SAMSAT export reload failed'));
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
