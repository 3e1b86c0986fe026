import type { SimulatorOptions } from '../../kit/agency-module';
import { startExportJob, type ExportJob } from '../../kit/export-file/export-job';
import { createLogger } from '../../kit/logger';
import { todayInPekanbaru } from '../../kit/pekanbaru-time';
import type { FaultSettings } from '../../kit/simulator/faults';
import { TRAILER_MARKER, exportDate, formatExportText, type ExportRow } from '../kua-export.format';
import { KUA_AGENCY } from '../kua.system';
import { exportFilePath, readExportRows } from './kua-export.store';

export type { PublishOutcome } from '../../kit/export-file/export-job';

export interface KuaExportJobOptions {
  dataDir: string;
  faults?: Partial<FaultSettings>;
  /** Decides faults; injectable so tests are exact. @default Math.random */
  random?: () => number;
  /** The date written in the trailer of each publish. @default the system clock */
  now?: () => Date;
}

/**
 * SIMKAH's export job, standing in for the legacy system (the kit's ExportJob: publish, faults,
 * atomic writes). A garbage file is the web application's PHP error page instead of the CSV,
 * then binary noise; a half-written one is cut inside a quoted field, before the trailer.
 */
export type KuaExportJob = ExportJob<ExportRow>;

const GARBAGE_PAGE =
  '<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted in <b>/var/www/simkah/application/controllers/Ekspor.php</b> on line <b>212</b><br />\n';

export async function startKuaExportJob(options: KuaExportJobOptions): Promise<KuaExportJob> {
  const file = exportFilePath(options.dataDir);
  const now = options.now ?? (() => new Date());
  const exportText = (rows: readonly ExportRow[]): string => formatExportText(rows, exportDate(todayInPekanbaru(now())));
  return startExportJob({
    name: KUA_AGENCY,
    system: 'SIMKAH',
    file,
    logger: createLogger('simulator:kua'),
    initialRows: (await readExportRows(file)) ?? [],
    render: exportText,
    halfWritten: (rows) => {
      const text = exportText(rows);
      // Cut inside the detail lines (or the header for an empty export): the trailer is always lost.
      const cut = Math.max(1, Math.floor(text.length * 0.6));
      return text.slice(0, Math.min(cut, text.lastIndexOf(`"${TRAILER_MARKER}"`)));
    },
    garbagePage: Buffer.from(GARBAGE_PAGE),
    faults: options.faults,
    random: options.random,
  });
}

/** AgencyModule.startSimulator: host and port are unused (a file has no port). */
export function startKuaSimulator(options: SimulatorOptions): Promise<KuaExportJob> {
  return startKuaExportJob({ dataDir: options.dataDir, faults: options.faults });
}
