import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { buildDjpSchema } from './djp.schema';
import { startDjpSubgraph } from './djp.server';
import { DJP_AGENCY, DJP_SYSTEM } from './djp.system';
import { seedDjp } from './legacy/djp-export.seed';
import { startDjpSimulator } from './legacy/djp-export.simulator';

/**
 * DJP, the Directorate General of Taxes (Direktorat Jenderal Pajak, Ministry of Finance): the
 * citizen's individual taxpayer profile. The legacy interface is a nightly fixed-width export
 * file: the "simulator" is the export job and its `url` is the file path, which is the
 * subgraph's legacyLocation.
 */
export const agency: AgencyModule = {
  name: DJP_AGENCY,
  title: 'Direktorat Jenderal Pajak (DJP), Kanwil DJP Riau',
  legacySystem: DJP_SYSTEM,
  defaultPorts: { simulator: 4107, subgraph: 4007 },
  buildSchema: buildDjpSchema,
  startSimulator: startDjpSimulator,
  startSubgraph: startDjpSubgraph,
  seed: seedDjp,
};
