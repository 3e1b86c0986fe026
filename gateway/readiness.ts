import { GATEWAY_CONTEXT_HEADER } from '../subgraphs/kit/gateway-context';

export interface SubgraphProbe {
  name: string;
  url: string;
  reachable: boolean;
  latencyMs: number;
  problem?: string;
}

/**
 * Asks each subgraph the smallest GraphQL question there is (`{ __typename }`), which any
 * GraphQL server answers, so readiness works for any supergraph, not only ours.
 */
export async function probeSubgraphs(
  subgraphs: ReadonlyArray<{ name: string; url: string }>,
  timeoutMs: number,
  /** The gateway context for a subgraph (X-Satu-Context): subgraphs that require one refuse the probe without it. */
  contextFor?: (subgraph: string) => Promise<string>,
): Promise<SubgraphProbe[]> {
  return Promise.all(
    subgraphs.map(async ({ name, url }) => {
      // In-process subgraphs (the crosscheck) have no network address to probe.
      if (!/^https?:/.test(url)) return { name, url, reachable: true, latencyMs: 0 };
      const started = performance.now();
      try {
        const context: Record<string, string> = contextFor ? { [GATEWAY_CONTEXT_HEADER]: await contextFor(name) } : {};
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...context },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        const reachable = response.ok;
        return { name, url, reachable, latencyMs: Math.round(performance.now() - started), problem: reachable ? undefined : `HTTP ${response.status}` };
      } catch (error) {
        const problem = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'unreachable';
        return { name, url, reachable: false, latencyMs: Math.round(performance.now() - started), problem };
      }
    }),
  );
}
