import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { buildSatuSubgraph } from '../kit/build-subgraph';
import { startSubgraphServer } from '../kit/subgraph-server';
import { AGENCY } from './business.mapper';
import { OssCitizenResolver } from './business.resolver';
import { seedOssStore } from './legacy/oss.seed';
import { startOssSimulator } from './legacy/oss.simulator';
import { OssCitizen } from './oss-citizen.type';
import { OssClient } from './oss.client';
import { readOssConfig } from './oss.config';
import { createOssLoaders, type OssContext } from './oss.loaders';
import { OSS_RBA } from './oss-rba.wire';

/**
 * OSS (Online Single Submission, risk-based: OSS-RBA), served at the mall by DPMPTSP:
 * the businesses (NIB), their activities, risk levels and licences in which a citizen is a
 * responsible person, over OSS-RBA's partner REST API (user_key + HTTP Basic, per NIK).
 */
export const agency: AgencyModule = {
  name: AGENCY,
  title: 'DPMPTSP Kota Pekanbaru: OSS-RBA (business licensing, NIB)',
  legacySystem: OSS_RBA,
  defaultPorts: { simulator: 4109, subgraph: 4009 },

  buildSchema: () =>
    buildSatuSubgraph({
      name: AGENCY,
      resolvers: [OssCitizenResolver],
      orphanedTypes: [OssCitizen],
      // Keep the whole representation: @requires fields ride on it.
      referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
    }),

  async startSimulator(options) {
    const config = readOssConfig();
    return startOssSimulator({ ...options, accounts: [config.credentials], rateLimitPerSecond: config.simulatorRateLimitPerSecond });
  },

  async startSubgraph(options) {
    const config = readOssConfig();
    const client = new OssClient({ baseUrl: options.legacyLocation, timeoutMs: options.legacyTimeoutMs, credentials: config.credentials });
    return startSubgraphServer<OssContext>({
      built: await agency.buildSchema(),
      host: options.host,
      port: options.port,
      gatewayContext: options.gatewayContext,
      createContext: () => ({ loaders: createOssLoaders(client, { concurrency: config.concurrency }) }),
    });
  },

  seed: seedOssStore,
};
