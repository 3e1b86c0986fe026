import { SERVICE_DEFINITION_QUERY } from '@apollo/gateway';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { GATEWAY_CONTEXT_HEADER } from '../../subgraphs/kit/gateway-context';
import { canonicalSubgraphSdl, firstDifference } from './subgraph-sdl';

/** A subgraph of a candidate supergraph, with the URL the gateway would call and the SDL its agency published. */
export interface SubgraphToVerify {
  name: string;
  url: string;
  publishedSdl: string;
  /** The published version's sequence, for messages. */
  versionSequence: number;
}

export interface VerificationProblem {
  subgraph: string;
  url: string;
  problem: string;
}

/** Subgraphs served inside the gateway process (crosscheck, lineage): nothing to reach over the network. */
export const IN_PROCESS_URL_PREFIX = 'in-process://';

export interface VerifyOptions {
  /** Time each subgraph has to answer `{ _service { sdl } }`. */
  timeoutMs: number;
  /** Aborts every pending question (the gateway is stopping). */
  signal?: AbortSignal;
  /** The gateway context for a subgraph (X-Satu-Context): subgraphs that require one refuse the question without it. */
  contextFor?: (subgraph: string) => Promise<string>;
}

function fetchFailure(error: unknown, timeoutMs: number): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `did not answer { _service { sdl } } within ${timeoutMs} ms`;
  if (failure.name === 'AbortError') return 'verification stopped (the gateway is stopping)';
  const cause = failure.cause?.code ?? failure.cause?.message ?? failure.message;
  return `cannot be reached (${cause})`;
}

async function servedSdl(name: string, url: string, options: VerifyOptions): Promise<string> {
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  const context: Record<string, string> = options.contextFor ? { [GATEWAY_CONTEXT_HEADER]: await options.contextFor(name) } : {};
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...context },
    body: JSON.stringify({ query: SERVICE_DEFINITION_QUERY }),
    signal: AbortSignal.any(signals),
  });
  const text = await response.text();
  if (!response.ok) throw new ServedSdlError(`answered HTTP ${response.status} to { _service { sdl } }`);
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: Array<{ message?: string }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ServedSdlError(`answered { _service { sdl } } with something that is not JSON (${text.length} bytes)`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const reason = body.errors?.[0]?.message ?? 'no _service.sdl in the answer';
    throw new ServedSdlError(`does not serve its SDL (${reason}): is it a federation subgraph?`);
  }
  return sdl;
}

class ServedSdlError extends Error {}

/**
 * Asks every network subgraph of a candidate supergraph for its SDL (`{ _service { sdl } }`, the
 * question federation tooling asks) and compares it with the SDL published for the member
 * version, in canonical form. One problem per subgraph that is unreachable, too slow, not a
 * subgraph, or serving another schema. In-process subgraphs are skipped.
 *
 * ApolloGateway's own `healthCheck` hook is no use here: it goes through our data sources, which
 * turn an unreachable agency into a partial answer by design, and it never compares SDLs.
 */
export async function verifySubgraphs(subgraphs: readonly SubgraphToVerify[], options: VerifyOptions): Promise<VerificationProblem[]> {
  const results = await Promise.all(
    subgraphs.map(async (subgraph): Promise<VerificationProblem | null> => {
      if (subgraph.url.startsWith(IN_PROCESS_URL_PREFIX)) return null;
      const problem = (text: string): VerificationProblem => ({ subgraph: subgraph.name, url: subgraph.url, problem: text });
      if (!/^https?:\/\//.test(subgraph.url)) return problem(`has the URL ${JSON.stringify(subgraph.url)}, which is neither http(s) nor in-process`);
      let served: string;
      try {
        served = await servedSdl(subgraph.name, subgraph.url, options);
      } catch (error) {
        return problem(error instanceof ServedSdlError ? error.message : fetchFailure(error, options.timeoutMs));
      }
      // Building a subgraph is CPU work on the gateway's event loop: let waiting requests run first.
      await yieldToEventLoop();
      let expected: string;
      try {
        expected = canonicalSubgraphSdl(subgraph.name, subgraph.publishedSdl);
      } catch (error) {
        return problem(`its published version ${subgraph.versionSequence} does not build as a subgraph: ${(error as Error).message.split('\n')[0]}`);
      }
      await yieldToEventLoop();
      let actual: string;
      try {
        actual = canonicalSubgraphSdl(subgraph.name, served);
      } catch (error) {
        return problem(`serves an SDL that does not build as a subgraph: ${(error as Error).message.split('\n')[0]}`);
      }
      if (expected === actual) return null;
      return problem(`serves a different SDL than its published version ${subgraph.versionSequence} (${firstDifference(expected, actual)})`);
    }),
  );
  return results.filter((result): result is VerificationProblem => result !== null);
}
