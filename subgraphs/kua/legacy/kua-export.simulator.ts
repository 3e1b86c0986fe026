import fs from 'node:fs';
import path from 'node:path';
import type { RunningSimulator, SimulatorOptions } from '../../kit/agency-module';
import { createLogger } from '../../kit/logger';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { TRAILER_MARKER, exportDate, formatExportText, type ExportRow } from '../kua-export.format';
import { KUA_AGENCY } from '../kua.system';
import { exportFilePath, readExportRows, temporaryPathFor, todayInPekanbaru, writeExportAtomically } from './kua-export.store';

/** What one publish left on disk. */
export type PublishOutcome = 'published' | 'half-written' | 'garbage' | 'hung';

export interface KuaExportJobOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Decides faults; injectable so tests are exact. @default Math.random */
  random?: () => number;
  /** The date written in the trailer of each publish. @default the system clock */
  now?: () => Date;
}

/**
 * SIMKAH's export job, standing in for the legacy system. There is no server: the legacy
 * interface is the file, so `url` is the export file's path (the subgraph's legacyLocation).
 * Tests and the demo publish new exports through it.
 *
 * Fault settings, for a file-based system (they act on the next publish, never on reads):
 * - delayMinMs..delayMaxMs: how long a publish takes before its rename; the previous export
 *   stays in place meanwhile;
 * - errorRate: share of publishes where the job crashes mid-write while writing the file in
 *   place (no temp + rename): the file is left half-written, cut inside a quoted field, without
 *   its trailer;
 * - malformedRate: share of publishes that deliver a file that is not an export (the web
 *   application's PHP error page instead of the CSV, then binary noise), written completely;
 * - hangRate: share of publishes that stall after writing the temporary file: no rename, the
 *   previous export stays in place (a stale export).
 * The subgraph must keep serving its last good index through all of them.
 */
export interface KuaExportJob extends RunningSimulator {
  /** The export file's path (same as `url`). */
  readonly file: string;
  /** The rows the next plain `publish()` writes: those of the last good export. */
  rows(): readonly ExportRow[];
  /** Publishes a complete export (temp + rename), subject to the fault settings. */
  publish(rows?: readonly ExportRow[]): Promise<PublishOutcome>;
  /** Publishes the given text as it is, atomically (hand-made files in tests). */
  publishText(text: string): Promise<void>;
  /** Leaves a half-written export in place: the first part of the file, no trailer. */
  publishHalfWritten(rows?: readonly ExportRow[]): Promise<void>;
  /** Leaves a complete file that is not an export. */
  publishGarbage(): Promise<void>;
  /** Removes the export file (the transfer deleted it, or the disk was cleaned). */
  removeExport(): Promise<void>;
}

const GARBAGE_PAGE =
  '<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted in <b>/var/www/simkah/application/controllers/Ekspor.php</b> on line <b>212</b><br />\n';

export async function startKuaExportJob(options: KuaExportJobOptions): Promise<KuaExportJob> {
  const logger = createLogger('simulator:kua');
  const file = exportFilePath(options.dataDir);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const random = options.random ?? Math.random;
  const faults = new FaultInjector(options.faults ?? {}, random);
  const now = options.now ?? (() => new Date());
  const stats = { requests: 0, byOperation: {} as Record<string, number> };
  const leftovers = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let source: readonly ExportRow[] = (await readExportRows(file)) ?? [];
  let stopped = false;

  function count(operation: string): void {
    stats.requests += 1;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  }

  function exportText(rows: readonly ExportRow[]): string {
    return formatExportText(rows, exportDate(todayInPekanbaru(now())));
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  async function writeHalf(rows: readonly ExportRow[]): Promise<void> {
    const text = exportText(rows);
    // Cut inside the detail lines (or the header for an empty export): the trailer is always lost.
    const cut = Math.max(1, Math.floor(text.length * 0.6));
    await fs.promises.writeFile(file, text.slice(0, Math.min(cut, text.lastIndexOf(`"${TRAILER_MARKER}"`))));
  }

  async function writeGarbage(): Promise<void> {
    const noise = Buffer.alloc(256);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
    await writeExportAtomically(file, Buffer.concat([Buffer.from(GARBAGE_PAGE), noise]));
  }

  async function publish(rows?: readonly ExportRow[]): Promise<PublishOutcome> {
    if (stopped) throw new Error('the SIMKAH export job is stopped');
    const chosen = rows ?? source;
    const decision = faults.decide();
    if (decision === 'error') {
      count('half-written');
      await writeHalf(chosen);
      logger.info({ file }, 'export job crashed mid-write (fault): half-written export left in place');
      return 'half-written';
    }
    if (decision === 'malformed') {
      count('garbage');
      await writeGarbage();
      logger.info({ file }, 'export job delivered garbage (fault)');
      return 'garbage';
    }
    const temporary = temporaryPathFor(file);
    await fs.promises.writeFile(temporary, exportText(chosen));
    if (decision === 'hang') {
      count('hung');
      leftovers.add(temporary);
      logger.info({ file }, 'export job stalled before its rename (fault): the previous export stays');
      return 'hung';
    }
    await faults.delay();
    await fs.promises.rename(temporary, file);
    count('publish');
    source = chosen;
    return 'published';
  }

  return {
    name: KUA_AGENCY,
    url: file,
    file,
    rows: () => source,
    publish: (rows) => track(publish(rows)),
    publishText: async (text) => {
      count('publish-text');
      await track(writeExportAtomically(file, text));
    },
    publishHalfWritten: async (rows) => {
      count('half-written');
      await track(writeHalf(rows ?? source));
    },
    publishGarbage: async () => {
      count('garbage');
      await track(writeGarbage());
    },
    removeExport: async () => {
      count('remove');
      await fs.promises.rm(file, { force: true });
    },
    setFaults: (update) => {
      faults.update(update);
    },
    stats: () => ({ requests: stats.requests, byOperation: { ...stats.byOperation } }),
    stop: async () => {
      stopped = true;
      await Promise.allSettled([...inFlight]);
      // A stalled publish leaves its temporary file; clean it so data directories stay tidy.
      await Promise.all([...leftovers].map((leftover) => fs.promises.rm(leftover, { force: true })));
    },
  };
}

/** AgencyModule.startSimulator: host and port are unused (a file has no port). */
export function startKuaSimulator(options: SimulatorOptions): Promise<KuaExportJob> {
  return startKuaExportJob({ dataDir: options.dataDir, faults: options.faults });
}
