import type { SeedContext } from '../population/seed-context';
import type { BuiltSubgraph } from './build-subgraph';
import type { GatewayContextRequirement } from './gateway-context';
import type { FaultSettings } from './simulator/faults';
import type { RunningService } from './subgraph-server';

export interface SimulatorOptions {
  /** The data directory root; the agency reads `<dataDir>/<agency>/...` in its own format. */
  dataDir: string;
  host: string;
  /** 0 = any free port. */
  port: number;
  faults?: Partial<FaultSettings>;
}

export interface SubgraphOptions {
  host: string;
  port: number;
  /** Where the legacy system is: the simulator's URL, or for file exports the file path. */
  legacyLocation: string;
  /** Time allowed for one legacy call. */
  legacyTimeoutMs: number;
  /** Refuse calls without the gateway's signed context (subgraph-server.ts). Production must set it. */
  gatewayContext?: GatewayContextRequirement;
}

/** A running legacy simulator. `url` is what its subgraph's `legacyLocation` must be. */
export interface RunningSimulator extends RunningService {
  /** Changes latency and faults at run time (tests and the demo's fault switches). */
  setFaults(update: Partial<FaultSettings>): void;
  /** Legacy calls answered so far, by operation. */
  stats(): { requests: number; byOperation: Record<string, number> };
}

/**
 * What every agency folder exports (as `agency` from its index.ts), so the demo, the
 * schema pipeline and the population generator treat all agencies alike.
 */
export interface AgencyModule {
  /** Subgraph name, DESIGN.md section 2. */
  name: string;
  /** The agency's name as the mall knows it. */
  title: string;
  /** The legacy system's name as used in `@source(system:)`. */
  legacySystem: string;
  /** Default loopback ports for the demo (simulator, subgraph). */
  defaultPorts: { simulator: number; subgraph: number };
  buildSchema(): Promise<BuiltSubgraph>;
  startSimulator(options: SimulatorOptions): Promise<RunningSimulator>;
  startSubgraph(options: SubgraphOptions): Promise<RunningService>;
  /** Writes this agency's records into `<dataDir>/<agency>/` in its legacy format. */
  seed(context: SeedContext): Promise<void>;
}
