import fs from 'node:fs';
import path from 'node:path';
import type { RunningSimulator, SimulatorOptions } from '../../kit/agency-module';
import { createLogger } from '../../kit/logger';
import { FaultInjector, type FaultSettings } from '../../kit/simulator/faults';
import { encodeExport, formatExportText } from '../djp-export.format';
import { RECORD_LENGTH, type DetailValues } from '../djp-export.layout';
import { DJP_AGENCY } from '../djp.system';
import { exportFilePath, readExportDetails, temporaryPathFor, writeExportAtomically } from './djp-export.store';

/** What one publish left on disk. */
export type PublishOutcome = 'published' | 'half-written' | 'garbage' | 'hung';

export interface DjpExportJobOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Decides faults and garbage bytes; injectable so tests are exact. @default Math.random */
  random?: () => number;
  /** The date written in the header of each publish. @default the system clock */
  now?: () => Date;
}

/**
 * DJP's nightly taxpayer export job, standing in for the legacy system. There is no server: the
 * legacy interface is the file, so `url` is the export file's path (the subgraph's
 * legacyLocation). Tests and the demo publish new exports through it.
 *
 * Fault settings, for a file-based system (they act on the next publish, never on reads):
 * - delayMinMs..delayMaxMs: how long a publish takes before its rename; the previous export
 *   stays in place meanwhile;
 * - errorRate: share of publishes where the job crashes mid-write while writing the file in
 *   place (no temp + rename): the file is left half-written, without its trailer;
 * - malformedRate: share of publishes that deliver a file that is not an export (an error
 *   page from the file relay, then binary noise), written completely;
 * - hangRate: share of publishes that stall after writing the temporary file: no rename,
 *   the previous export stays in place (a stale export).
 * The subgraph must keep serving its last good index through all of them.
 */
export interface DjpExportJob extends RunningSimulator {
  /** The export file's path (same as `url`). */
  readonly file: string;
  /** The detail records the next plain `publish()` writes: those of the last good export. */
  rows(): readonly DetailValues[];
  /** Publishes a complete export (temp + rename), subject to the fault settings. */
  publish(rows?: readonly DetailValues[]): Promise<PublishOutcome>;
  /** Publishes the given text as it is (encoded ISO-8859-1), atomically: hand-made files in tests. */
  publishText(text: string): Promise<void>;
  /** Leaves a half-written export in place: the first part of the file, no trailer. */
  publishHalfWritten(rows?: readonly DetailValues[]): Promise<void>;
  /** Leaves a complete file that is not an export. */
  publishGarbage(): Promise<void>;
  /** Removes the export file (the transfer deleted it, or the disk was cleaned). */
  removeExport(): Promise<void>;
}

const GARBAGE_PAGE =
  '<html><head><title>503 Service Unavailable</title></head><body><h1>503</h1><p>sftp-gw.pajak.local: transfer aborted</p></body></html>\r\n';

/** Pekanbaru is on WIB (UTC+7, no daylight saving): the calendar date the export job stamps. */
export function todayInPekanbaru(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export async function startDjpExportJob(options: DjpExportJobOptions): Promise<DjpExportJob> {
  const logger = createLogger('simulator:djp');
  const file = exportFilePath(options.dataDir);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const random = options.random ?? Math.random;
  const faults = new FaultInjector(options.faults ?? {}, random);
  const now = options.now ?? (() => new Date());
  const stats = { requests: 0, byOperation: {} as Record<string, number> };
  const leftovers = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let source: readonly DetailValues[] = (await readExportDetails(file)) ?? [];
  let stopped = false;

  function count(operation: string): void {
    stats.requests += 1;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  }

  function exportBytes(rows: readonly DetailValues[]): Buffer {
    return encodeExport(formatExportText(rows, todayInPekanbaru(now())));
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  async function writeHalf(rows: readonly DetailValues[]): Promise<void> {
    const bytes = exportBytes(rows);
    // Cut at 60% but always before the trailer record (the exporter writes it last).
    const trailerStart = bytes.length - (RECORD_LENGTH + 2);
    await fs.promises.writeFile(file, bytes.subarray(0, Math.max(1, Math.min(Math.floor(bytes.length * 0.6), trailerStart))));
  }

  async function writeGarbage(): Promise<void> {
    const noise = Buffer.alloc(256);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
    await writeExportAtomically(file, Buffer.concat([Buffer.from(GARBAGE_PAGE, 'latin1'), noise]));
  }

  async function publish(rows?: readonly DetailValues[]): Promise<PublishOutcome> {
    if (stopped) throw new Error('the DJP export job is stopped');
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
    await fs.promises.writeFile(temporary, exportBytes(chosen));
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
    name: DJP_AGENCY,
    url: file,
    file,
    rows: () => source,
    publish: (rows) => track(publish(rows)),
    publishText: async (text) => {
      count('publish-text');
      await track(writeExportAtomically(file, encodeExport(text)));
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
export function startDjpSimulator(options: SimulatorOptions): Promise<DjpExportJob> {
  return startDjpExportJob({ dataDir: options.dataDir, faults: options.faults });
}
