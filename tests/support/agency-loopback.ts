import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AgencyModule, RunningSimulator } from '../../subgraphs/kit/agency-module';
import type { RunningService } from '../../subgraphs/kit/subgraph-server';

export interface AgencyLoopbackOptions {
  /** Files to write into a fresh data directory, by path relative to it (e.g. `'oss/nib.json'`). */
  files: Record<string, string | Buffer>;
  legacyTimeoutMs: number;
}

export interface AgencyLoopback {
  dataDir: string;
  simulator: RunningSimulator;
  subgraph: RunningService;
  /** POSTs an `_entities` query for Citizen representations of `niks`; expects HTTP 200. */
  entities<T>(query: string, niks: readonly string[]): Promise<T>;
  /** Stops the subgraph and the simulator, and removes the data directory. */
  stop(): Promise<void>;
}

/** POSTs an `_entities` query for Citizen representations of `niks` to `url`; expects HTTP 200. */
export async function postEntities<T>(url: string, query: string, niks: readonly string[]): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { representations: niks.map((nik) => ({ __typename: 'Citizen', nik })) } }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Writes a data directory, starts the agency's simulator on port 0 and its subgraph against it. */
export async function startAgencyOnLoopback(agency: AgencyModule, { files, legacyTimeoutMs }: AgencyLoopbackOptions): Promise<AgencyLoopback> {
  const dataDir = await mkdtemp(join(tmpdir(), `satu-${agency.name}-loopback-`));
  for (const [relativePath, content] of Object.entries(files)) {
    await mkdir(dirname(join(dataDir, relativePath)), { recursive: true });
    await writeFile(join(dataDir, relativePath), content);
  }
  const cleanUpAfter = async <T>(start: () => Promise<T>, undo: () => Promise<void>): Promise<T> => {
    try {
      return await start();
    } catch (error) {
      await undo();
      throw error;
    }
  };
  const removeDataDir = (): Promise<void> => rm(dataDir, { recursive: true, force: true });
  const simulator = await cleanUpAfter(() => agency.startSimulator({ dataDir, host: '127.0.0.1', port: 0 }), removeDataDir);
  const subgraph = await cleanUpAfter(
    () => agency.startSubgraph({ host: '127.0.0.1', port: 0, legacyLocation: simulator.url, legacyTimeoutMs }),
    async () => {
      await simulator.stop();
      await removeDataDir();
    },
  );
  return {
    dataDir,
    simulator,
    subgraph,
    entities: <T>(query: string, niks: readonly string[]): Promise<T> => postEntities<T>(subgraph.url, query, niks),
    async stop(): Promise<void> {
      await subgraph.stop();
      await simulator.stop();
      await removeDataDir();
    },
  };
}
