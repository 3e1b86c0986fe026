import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { seedPolriStore } from './legacy/polri.seed';
import { startPolriSimulator } from './legacy/polri.simulator';
import { readPolriConfig } from './polri.config';
import { buildPolriSchema } from './polri.schema';
import { startPolriSubgraph } from './polri.server';
import { AGENCY, POLRI_SIM } from './polri.system';

/**
 * Polri (Indonesian National Police): driving licences (SIM) and police clearance (SKCK),
 * over POLRI-SIM, a REST/JSON service with an API key, paginated answers and a rate limit.
 * See README.md.
 */
export const agency: AgencyModule = {
  name: AGENCY,
  title: 'Kepolisian Negara Republik Indonesia (Polri): SIM and SKCK',
  legacySystem: POLRI_SIM,
  defaultPorts: { simulator: 4105, subgraph: 4005 },
  buildSchema: buildPolriSchema,
  async startSimulator(options) {
    const config = readPolriConfig();
    return startPolriSimulator({ ...options, apiKeys: [config.apiKey], rateLimitPerSecond: config.simulatorRateLimitPerSecond });
  },
  startSubgraph: (options) => startPolriSubgraph(options),
  seed: seedPolriStore,
};
