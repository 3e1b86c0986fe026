import type { SimulatorOptions } from '../../kit/agency-module';
import { startExportJob, type ExportJob } from '../../kit/export-file/export-job';
import { createLogger } from '../../kit/logger';
import { todayInPekanbaru } from '../../kit/pekanbaru-time';
import type { FaultSettings } from '../../kit/simulator/faults';
import { encodeExport, formatExportText } from '../djp-export.format';
import { RECORD_LENGTH, type DetailValues } from '../djp-export.layout';
import { DJP_AGENCY } from '../djp.system';
import { exportFilePath, readExportDetails } from './djp-export.store';

export type { PublishOutcome } from '../../kit/export-file/export-job';

export interface DjpExportJobOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Decides faults and garbage bytes; injectable so tests are exact. @default Math.random */
  random?: () => number;
  /** The date written in the header of each publish. @default the system clock */
  now?: () => Date;
}

/**
 * DJP's nightly taxpayer export job, standing in for the legacy system (the kit's ExportJob:
 * publish, faults, atomic writes). Files are ISO-8859-1, `publishText` included. A garbage file
 * is an error page from the file relay, then binary noise; a half-written one is cut before the
 * trailer record.
 */
export type DjpExportJob = ExportJob<DetailValues>;

const GARBAGE_PAGE =
  '<html><head><title>503 Service Unavailable</title></head><body><h1>503</h1><p>sftp-gw.pajak.local: transfer aborted</p></body></html>\r\n';

export async function startDjpExportJob(options: DjpExportJobOptions): Promise<DjpExportJob> {
  const file = exportFilePath(options.dataDir);
  const now = options.now ?? (() => new Date());
  const exportBytes = (rows: readonly DetailValues[]): Buffer => encodeExport(formatExportText(rows, todayInPekanbaru(now())));
  return startExportJob({
    name: DJP_AGENCY,
    system: 'DJP',
    file,
    logger: createLogger('simulator:djp'),
    initialRows: (await readExportDetails(file)) ?? [],
    render: exportBytes,
    halfWritten: (rows) => {
      const bytes = exportBytes(rows);
      // Cut at 60% but always before the trailer record (the exporter writes it last).
      const trailerStart = bytes.length - (RECORD_LENGTH + 2);
      return bytes.subarray(0, Math.max(1, Math.min(Math.floor(bytes.length * 0.6), trailerStart)));
    },
    encodeText: encodeExport,
    garbagePage: Buffer.from(GARBAGE_PAGE, 'latin1'),
    faults: options.faults,
    random: options.random,
  });
}

/** AgencyModule.startSimulator: host and port are unused (a file has no port). */
export function startDjpSimulator(options: SimulatorOptions): Promise<DjpExportJob> {
  return startDjpExportJob({ dataDir: options.dataDir, faults: options.faults });
}
