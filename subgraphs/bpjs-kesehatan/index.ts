import 'reflect-metadata';
import type { AgencyModule } from '../kit/agency-module';
import { buildSatuSubgraph } from '../kit/build-subgraph';
import { startSubgraphServer } from '../kit/subgraph-server';
import { BpjsKesehatanClient } from './bpjs-kesehatan.client';
import { readBpjsKesehatanConfig } from './bpjs-kesehatan.config';
import { createBpjsKesehatanLoaders, type BpjsKesehatanContext } from './bpjs-kesehatan.loaders';
import { BpjsKesehatanCitizen } from './citizen.type';
import { AGENCY } from './health-insurance.mapper';
import { HealthInsuranceResolver } from './health-insurance.resolver';
import { VCLAIM } from './health-insurance.type';
import { seedVClaimStore } from './legacy/vclaim.seed';
import { startVClaimSimulator } from './legacy/vclaim.simulator';

/**
 * BPJS Kesehatan (national health insurance, JKN): membership, class, arrears and the
 * holder's identity copies, over the VClaim REST service (signed headers, encrypted and
 * compressed answers, a rate limit, no batch call).
 */
export const agency: AgencyModule = {
  name: AGENCY,
  title: 'BPJS Kesehatan',
  legacySystem: VCLAIM,
  defaultPorts: { simulator: 4104, subgraph: 4004 },

  buildSchema: () =>
    buildSatuSubgraph({
      name: AGENCY,
      resolvers: [HealthInsuranceResolver],
      orphanedTypes: [BpjsKesehatanCitizen],
      // Keep the whole representation: @requires fields ride on it.
      referenceResolvers: { Citizen: (reference) => ({ ...reference }) },
    }),

  async startSimulator(options) {
    const config = readBpjsKesehatanConfig();
    return startVClaimSimulator({
      ...options,
      consumers: [config.credentials],
      rateLimitPerSecond: config.simulatorRateLimitPerSecond,
      maxSkewSeconds: config.simulatorMaxSkewSeconds,
    });
  },

  async startSubgraph(options) {
    const config = readBpjsKesehatanConfig();
    const client = new BpjsKesehatanClient({
      baseUrl: options.legacyLocation,
      timeoutMs: options.legacyTimeoutMs,
      credentials: config.credentials,
    });
    return startSubgraphServer<BpjsKesehatanContext>({
      built: await agency.buildSchema(),
      host: options.host,
      port: options.port,
      gatewayContext: options.gatewayContext,
      createContext: () => ({ loaders: createBpjsKesehatanLoaders(client, { concurrency: config.concurrency }) }),
    });
  },

  seed: seedVClaimStore,
};
