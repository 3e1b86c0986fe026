import type { SimulatorOptions } from '../../kit/agency-module';
import { startExportJob, type ExportJob } from '../../kit/export-file/export-job';
import { createLogger } from '../../kit/logger';
import { todayInPekanbaru } from '../../kit/pekanbaru-time';
import type { FaultSettings } from '../../kit/simulator/faults';
import { formatExportText, trailerDate, type ExportRow } from '../samsat-export.format';
import { exportFilePath, readExportRows } from './samsat-export.store';

export type { PublishOutcome } from '../../kit/export-file/export-job';

export interface SamsatExportJobOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Decides faults; injectable so tests are exact. @default Math.random */
  random?: () => number;
  /** The date written in the trailer of each publish. @default the system clock */
  now?: () => Date;
}

/**
 * SAMSAT's nightly export job, standing in for the legacy system (the kit's ExportJob: publish,
 * faults, atomic writes). A garbage file is an HTML error page from the file transfer, then
 * binary noise; a half-written one is cut inside the detail lines, before `TRAILER`.
 */
export type SamsatExportJob = ExportJob<ExportRow>;

const GARBAGE_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>sftp-relay.samsat.local: upstream closed</p></body></html>\r\n';

export async function startSamsatExportJob(options: SamsatExportJobOptions): Promise<SamsatExportJob> {
  const file = exportFilePath(options.dataDir);
  const now = options.now ?? (() => new Date());
  const exportText = (rows: readonly ExportRow[]): string => formatExportText(rows, trailerDate(todayInPekanbaru(now())));
  return startExportJob({
    name: 'samsat',
    system: 'SAMSAT',
    file,
    logger: createLogger('simulator:samsat'),
    initialRows: (await readExportRows(file)) ?? [],
    render: exportText,
    halfWritten: (rows) => {
      const text = exportText(rows);
      // Cut inside the detail lines (or the header for an empty export): the trailer is always lost.
      const cut = Math.max(1, Math.floor(text.length * 0.6));
      return text.slice(0, Math.min(cut, text.lastIndexOf('TRAILER')));
    },
    garbagePage: Buffer.from(GARBAGE_PAGE),
    faults: options.faults,
    random: options.random,
  });
}

/** AgencyModule.startSimulator: host and port are unused (a file has no port). */
export function startSamsatSimulator(options: SimulatorOptions): Promise<SamsatExportJob> {
  return startSamsatExportJob({ dataDir: options.dataDir, faults: options.faults });
}
