import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { simkimCredentialsFromEnv } from './imigrasi.config';
import { buildImigrasiSchema } from './imigrasi.schema';
import { startImigrasiSubgraph } from './imigrasi.server';
import { seedSimkim } from './legacy/simkim.seed';
import { startSimkimSimulator } from './legacy/simkim.simulator';
import { SIMKIM } from './passport.type';

/** imigrasi: passports, from SIMKIM's PasporService (SOAP 1.1). See README.md. */
export const agency: AgencyModule = {
  name: 'imigrasi',
  title: 'Direktorat Jenderal Imigrasi (Directorate General of Immigration)',
  legacySystem: SIMKIM,
  defaultPorts: { simulator: 4102, subgraph: 4002 },
  buildSchema: buildImigrasiSchema,
  startSimulator: (options) => startSimkimSimulator({ ...options, credentials: simkimCredentialsFromEnv() }),
  startSubgraph: startImigrasiSubgraph,
  seed: seedSimkim,
};
