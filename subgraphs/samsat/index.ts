import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { seedSamsat } from './legacy/samsat-export.seed';
import { startSamsatSimulator } from './legacy/samsat-export.simulator';
import { buildSamsatSchema } from './samsat.schema';
import { startSamsatSubgraph } from './samsat.server';
import { SAMSAT_SYSTEM } from './samsat.system';

/**
 * SAMSAT Riau (vehicle registration and annual vehicle tax; Bapenda Riau with Jasa Raharja).
 * The legacy interface is a nightly export file: the "simulator" is the export job and its
 * `url` is the file path, which is the subgraph's legacyLocation.
 */
export const agency: AgencyModule = {
  name: 'samsat',
  title: 'SAMSAT Riau (Bapenda Riau, Jasa Raharja, Polda Riau)',
  legacySystem: SAMSAT_SYSTEM,
  defaultPorts: { simulator: 4103, subgraph: 4003 },
  buildSchema: buildSamsatSchema,
  startSimulator: startSamsatSimulator,
  startSubgraph: startSamsatSubgraph,
  seed: seedSamsat,
};
