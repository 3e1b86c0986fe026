import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { readBpnConfig } from './bpn.config';
import { buildBpnSchema } from './bpn.schema';
import { startBpnSubgraph } from './bpn.server';
import { AGENCY, BPN_SYSTEM } from './bpn.system';
import { seedBpn } from './legacy/bpn.seed';
import { startBpnSimulator } from './legacy/bpn.simulator';

/**
 * BPN (Badan Pertanahan Nasional, the National Land Agency), Kantor Pertanahan Kota Pekanbaru:
 * land parcels the citizen holds rights over, read from a read-only SQL view of the land
 * office's KKP database: a SQLite file in the demo, PostgreSQL when a connection URL is given.
 */
export const agency: AgencyModule = {
  name: AGENCY,
  title: 'Badan Pertanahan Nasional (Kantor Pertanahan Kota Pekanbaru)',
  legacySystem: BPN_SYSTEM,
  // The simulator is a database, not a server: its port is unused (kept for the catalogue's shape).
  defaultPorts: { simulator: 4108, subgraph: 4008 },
  buildSchema: buildBpnSchema,
  startSimulator: (options) => {
    const config = readBpnConfig();
    return startBpnSimulator({ dataDir: options.dataDir, faults: options.faults, databaseUrl: config.simulatorDatabaseUrl, schema: config.simulatorSchema });
  },
  startSubgraph: (options) => startBpnSubgraph({ ...options, client: { poolSize: readBpnConfig().poolSize } }),
  seed: seedBpn,
};
