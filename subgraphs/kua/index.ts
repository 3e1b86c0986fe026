import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { seedKua } from './legacy/kua-export.seed';
import { startKuaSimulator } from './legacy/kua-export.simulator';
import { buildKuaSchema } from './kua.schema';
import { startKuaSubgraph } from './kua.server';
import { KUA_AGENCY, KUA_SYSTEM } from './kua.system';

/**
 * KUA (Kantor Urusan Agama, Ministry of Religious Affairs): Muslim marriage records from SIMKAH.
 * The legacy interface is SIMKAH's marriage export file: the "simulator" is the export job and
 * its `url` is the file path, which is the subgraph's legacyLocation.
 */
export const agency: AgencyModule = {
  name: KUA_AGENCY,
  title: 'KUA (Kantor Urusan Agama, Kementerian Agama Kota Pekanbaru)',
  legacySystem: KUA_SYSTEM,
  defaultPorts: { simulator: 4110, subgraph: 4010 },
  buildSchema: buildKuaSchema,
  startSimulator: startKuaSimulator,
  startSubgraph: startKuaSubgraph,
  seed: seedKua,
};
