import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
/** The response type the gateway expects from a data source (from its own interface). */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
import { Agent, errors as undiciErrors, request } from 'undici';
import type { Logger } from 'pino';
import type { AgencyFailureCode } from '../../subgraphs/kit/errors';
import { GATEWAY_CONTEXT_HEADER } from '../../subgraphs/kit/gateway-context';
import { isTimeoutError } from '../../subgraphs/kit/legacy-http';
import type { RequestIdentity } from '../access/caller';
import type { ContextSigner } from '../context-signing/context-signer';
import { partialAnswer } from './partial-answer';

/** How the data source signs the gateway context (X-Satu-Context) for its subgraph. */
export interface AgencyContextSigning {
  signer: Pick<ContextSigner, 'contextFor'>;
  /**
   * The request's identity from the gateway's per-request context (Apollo's contextValue, e.g.
   * `(context) => context.identity`); the same object for every fetch of a request, which is what
   * the signer caches on. Undefined: no context is sent, and a subgraph that requires one refuses.
   */
  contextOf: (requestContext: unknown) => RequestIdentity | undefined;
}

export interface AgencyDataSourceOptions {
  /** Subgraph name; also the `agency` in errors. */
  name: string;
  url: string;
  /** Time allowed for one fetch to this agency's subgraph. */
  timeoutMs: number;
  /** Shared keep-alive connection pool. */
  dispatcher: Agent;
  logger: Logger;
  /** Sign the gateway context for every fetch. @default none: no X-Satu-Context header */
  contextSigning?: AgencyContextSigning;
}

class FetchFailure extends Error {
  constructor(
    readonly code: AgencyFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** One keep-alive pool for all agencies: connections are reused across requests. */
export function createSubgraphDispatcher(): Agent {
  return new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 256, pipelining: 1 });
}

/**
 * The gateway's seam to one agency subgraph (ApolloGateway `buildService`). It posts the
 * fetch over a keep-alive pool with a per-agency timeout, and turns every failure
 * (refused, timeout, non-2xx, not JSON) into a partial answer: the agency's fields null,
 * a coded error at each path, the rest of the plan untouched.
 */
export class AgencyDataSource implements GraphQLDataSource {
  private warnedNoIdentity = false;

  constructor(private readonly options: AgencyDataSourceOptions) {}

  async process(processOptions: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { request: fetchRequest } = processOptions;
    const query = fetchRequest.query ?? '';
    try {
      const contextHeaders = await this.contextHeaders(processOptions.context);
      return await this.send(query, fetchRequest.variables, fetchRequest.operationName, contextHeaders);
    } catch (error) {
      const failure = this.classify(error);
      this.options.logger.warn({ agency: this.options.name, code: failure.code, reason: failure.message }, 'agency fetch failed');
      return partialAnswer(query, fetchRequest.variables, this.options.name, failure.code) as GatewayGraphQLResponse;
    }
  }

  /** The signed context for this fetch; a signing failure fails the fetch (never an unsigned call instead). */
  private async contextHeaders(requestContext: unknown): Promise<Record<string, string>> {
    const signing = this.options.contextSigning;
    if (!signing) return {};
    const identity = signing.contextOf(requestContext);
    if (!identity) {
      if (!this.warnedNoIdentity) {
        this.warnedNoIdentity = true;
        this.options.logger.warn({ agency: this.options.name }, 'no request identity to sign a gateway context with: the subgraph may refuse the call');
      }
      return {};
    }
    // X-Request-Id too: the subgraph's log lines carry it even where it does not check contexts.
    return { [GATEWAY_CONTEXT_HEADER]: await signing.signer.contextFor(identity, this.options.name), 'x-request-id': identity.requestId };
  }

  private async send(
    query: string,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
    contextHeaders: Record<string, string>,
  ): Promise<GatewayGraphQLResponse> {
    const body = JSON.stringify({ query, variables, operationName });
    const response = await request(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...contextHeaders },
      body,
      dispatcher: this.options.dispatcher,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.body.text();
    if (response.statusCode >= 500) throw new FetchFailure('AGENCY_UNAVAILABLE', `HTTP ${response.statusCode}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new FetchFailure('AGENCY_BAD_RESPONSE', `HTTP ${response.statusCode}, body is not JSON (${text.length} bytes)`);
    }
    if (typeof parsed !== 'object' || parsed === null || (!('data' in parsed) && !('errors' in parsed))) {
      throw new FetchFailure('AGENCY_BAD_RESPONSE', `HTTP ${response.statusCode}, not a GraphQL response`);
    }
    return parsed as GatewayGraphQLResponse;
  }

  private classify(error: unknown): FetchFailure {
    if (error instanceof FetchFailure) return error;
    if (isTimeoutError(error) || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new FetchFailure('AGENCY_TIMEOUT', `no answer within ${this.options.timeoutMs} ms`);
    }
    const code = (error as { code?: string } | null)?.code;
    return new FetchFailure('AGENCY_UNAVAILABLE', code ?? (error instanceof Error ? error.message : String(error)));
  }
}
