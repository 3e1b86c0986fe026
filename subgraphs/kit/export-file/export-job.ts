import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { RunningSimulator } from '../agency-module';
import { FaultInjector, type FaultSettings } from '../simulator/faults';
import { temporaryPathFor, writeExportAtomically } from './atomic-write';

/** What one publish left on disk. */
export type PublishOutcome = 'published' | 'half-written' | 'garbage' | 'hung';

/**
 * A nightly export job, standing in for a legacy system whose interface is a file. There is no
 * server: `url` is the export file's path (the subgraph's legacyLocation). Tests and the demo
 * publish new exports through it.
 *
 * Fault settings, for a file-based system (they act on the next publish, never on reads):
 * - delayMinMs..delayMaxMs: how long a publish takes before its rename; the previous export
 *   stays in place meanwhile;
 * - errorRate: share of publishes where the job crashes mid-write while writing the file in
 *   place (no temp + rename): the file is left half-written, without its trailer;
 * - malformedRate: share of publishes that deliver a file that is not an export (the agency's
 *   error page, then binary noise), written completely;
 * - hangRate: share of publishes that stall after writing the temporary file: no rename,
 *   the previous export stays in place (a stale export).
 * The subgraph must keep serving its last good index through all of them.
 */
export interface ExportJob<TRow> extends RunningSimulator {
  /** The export file's path (same as `url`). */
  readonly file: string;
  /** The rows the next plain `publish()` writes: those of the last good export. */
  rows(): readonly TRow[];
  /** Publishes a complete export (temp + rename), subject to the fault settings. */
  publish(rows?: readonly TRow[]): Promise<PublishOutcome>;
  /** Publishes the given text as it is (in the file's encoding), atomically: hand-made files in tests. */
  publishText(text: string): Promise<void>;
  /** Leaves a half-written export in place: the first part of the file, no trailer. */
  publishHalfWritten(rows?: readonly TRow[]): Promise<void>;
  /** Leaves a complete file that is not an export. */
  publishGarbage(): Promise<void>;
  /** Removes the export file (the transfer deleted it, or the disk was cleaned). */
  removeExport(): Promise<void>;
}

export interface ExportJobSpec<TRow> {
  /** Subgraph name, the simulator's `name`. */
  name: string;
  /** The legacy system as operators know it, in errors (`SAMSAT`, `SIMKAH`). */
  system: string;
  file: string;
  logger: Logger;
  /** The rows of the export already on disk, if it is a good one. */
  initialRows: readonly TRow[];
  /** The complete export of `rows`, as written to disk (stamped with today's date). */
  render: (rows: readonly TRow[]) => string | Buffer;
  /** What a job that crashed mid-write leaves: the first part of `render(rows)`, the trailer always lost. */
  halfWritten: (rows: readonly TRow[]) => string | Buffer;
  /** `publishText` in the file's encoding. @default the text as UTF-8 */
  encodeText?: (text: string) => string | Buffer;
  /** The error page a garbage file starts with (binary noise follows). */
  garbagePage: Buffer;
  faults?: Partial<FaultSettings>;
  /** Decides faults and garbage bytes; injectable so tests are exact. @default Math.random */
  random?: () => number;
}

/** Starts an export job over `spec.file`; the agency supplies its format through `spec`. */
export async function startExportJob<TRow>(spec: ExportJobSpec<TRow>): Promise<ExportJob<TRow>> {
  const { file, logger } = spec;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const random = spec.random ?? Math.random;
  const faults = new FaultInjector(spec.faults ?? {}, random);
  const encodeText = spec.encodeText ?? ((text: string) => text);
  const stats = { requests: 0, byOperation: {} as Record<string, number> };
  const leftovers = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  let source: readonly TRow[] = spec.initialRows;
  let stopped = false;

  function count(operation: string): void {
    stats.requests += 1;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  }

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  }

  async function writeHalf(rows: readonly TRow[]): Promise<void> {
    // Written in place, as the crashed job did: no temp + rename.
    await fs.promises.writeFile(file, spec.halfWritten(rows));
  }

  async function writeGarbage(): Promise<void> {
    const noise = Buffer.alloc(256);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
    await writeExportAtomically(file, Buffer.concat([spec.garbagePage, noise]));
  }

  async function publish(rows?: readonly TRow[]): Promise<PublishOutcome> {
    if (stopped) throw new Error(`the ${spec.system} export job is stopped`);
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
    await fs.promises.writeFile(temporary, spec.render(chosen));
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
    name: spec.name,
    url: file,
    file,
    rows: () => source,
    publish: (rows) => track(publish(rows)),
    publishText: async (text) => {
      count('publish-text');
      await track(writeExportAtomically(file, encodeText(text)));
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
