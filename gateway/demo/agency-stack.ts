import type { AgencyModule, RunningSimulator } from '../../subgraphs/kit/agency-module';
import type { GatewayContextRequirement } from '../../subgraphs/kit/gateway-context';
import type { FaultSettings } from '../../subgraphs/kit/simulator/faults';
import type { RunningService } from '../../subgraphs/kit/subgraph-server';

export interface AgencyStackOptions {
  agencies: readonly AgencyModule[];
  dataDir: string;
  host: string;
  /** "default": each agency's fixed demo ports; "random": free ports (tests, benchmarks). */
  ports: 'default' | 'random';
  /** Time allowed for one legacy call inside a subgraph. */
  legacyTimeoutMs: number;
  /** Latency and faults given to every simulator at start. */
  simulatorFaults?: Partial<FaultSettings>;
  /** Every subgraph refuses calls without the gateway's signed context. @default not required */
  gatewayContext?: GatewayContextRequirement;
  onStarted?: (what: string, url: string) => void;
}

export interface RunningAgency {
  agency: AgencyModule;
  simulator: RunningSimulator;
  subgraph: RunningService;
}

export interface AgencyStack {
  agencies: ReadonlyMap<string, RunningAgency>;
  /** Subgraph URLs by name, for composing the supergraph. */
  subgraphUrls(): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts every agency's legacy simulator and then its subgraph pointed at it, in parallel
 * across agencies. Everything talks over loopback: the subgraph reaches its simulator
 * over the agency's real protocol, never in-process.
 */
export async function startAgencyStack(options: AgencyStackOptions): Promise<AgencyStack> {
  const started = new Map<string, RunningAgency>();
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled([...started.values()].map((running) => running.subgraph.stop()));
    await Promise.allSettled([...started.values()].map((running) => running.simulator.stop()));
  };
  try {
    await Promise.all(
      options.agencies.map(async (agency) => {
        const simulator = await agency.startSimulator({
          dataDir: options.dataDir,
          host: options.host,
          port: options.ports === 'default' ? agency.defaultPorts.simulator : 0,
          faults: options.simulatorFaults,
        });
        options.onStarted?.(`${agency.name} legacy simulator`, simulator.url);
        let subgraph: RunningService;
        try {
          subgraph = await agency.startSubgraph({
            host: options.host,
            port: options.ports === 'default' ? agency.defaultPorts.subgraph : 0,
            legacyLocation: simulator.url,
            legacyTimeoutMs: options.legacyTimeoutMs,
            gatewayContext: options.gatewayContext,
          });
        } catch (error) {
          await simulator.stop();
          throw error;
        }
        options.onStarted?.(`${agency.name} subgraph`, subgraph.url);
        started.set(agency.name, { agency, simulator, subgraph });
      }),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    agencies: started,
    subgraphUrls: () => Object.fromEntries([...started.values()].map((running) => [running.agency.name, running.subgraph.url])),
    stop: stopAll,
  };
}
