import { Agent, errors as undiciErrors, request } from 'undici';

/**
 * A small GraphQL-over-HTTP client for the command-line tools that talk to a running gateway
 * (reconcile, crosscheck:eval): one keep-alive connection pool, a timeout per request, a few
 * retries when the gateway cannot be reached, and errors that say what to do.
 */

export interface GraphqlErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; agency?: string; [key: string]: unknown };
}

export interface GraphqlAnswer<T> {
  data: T | null;
  errors: GraphqlErrorEntry[];
}

export type GatewayErrorKind = 'unreachable' | 'timeout' | 'http' | 'bad-response' | 'graphql';

/** The gateway could not give a usable answer. `kind` says why; the message names the URL and what to do. */
export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface GraphqlClient {
  readonly url: string;
  request<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
  close(): Promise<void>;
}

export interface GraphqlClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** Extra request headers (e.g. X-Satu-Purpose). */
  headers?: Readonly<Record<string, string>>;
  /** Time allowed for one request, headers and body. @default 120000 */
  timeoutMs?: number;
  /** Further attempts when the gateway cannot be reached (connection refused or reset). @default 2 */
  retries?: number;
  /** Wait before the first retry; doubled for each next one. @default 500 */
  retryDelayMs?: number;
  /** Connections kept open to the gateway: the requests in flight at once (one request per connection, reused). @default 1 */
  connections?: number;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function createGraphqlClient(options: GraphqlClientOptions): GraphqlClient {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: options.connections ?? 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };

  async function once<T>(body: string): Promise<GraphqlAnswer<T>> {
    let response;
    try {
      response = await request(options.url, { method: 'POST', headers, body, dispatcher: agent });
    } catch (error) {
      const code = errorCode(error);
      if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || code === 'UND_ERR_HEADERS_TIMEOUT') {
        throw new GatewayError('timeout', `the gateway at ${options.url} did not answer within ${timeoutMs} ms`);
      }
      const why = code ?? (error as Error).message;
      throw new GatewayError(CONNECTION_CODES.has(code ?? '') ? 'unreachable' : 'http', `cannot reach the gateway at ${options.url} (${why}): is it running? Start it with \`npm start\` or pass --gateway URL`);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      const code = errorCode(error);
      if (code === 'UND_ERR_BODY_TIMEOUT') throw new GatewayError('timeout', `the gateway at ${options.url} did not finish its answer within ${timeoutMs} ms`);
      throw new GatewayError('unreachable', `the connection to the gateway at ${options.url} broke during the answer (${code ?? (error as Error).message})`);
    }
    let parsed: { data?: T | null; errors?: GraphqlErrorEntry[] } | undefined;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object') {
      throw new GatewayError(
        response.statusCode >= 400 ? 'http' : 'bad-response',
        `the gateway at ${options.url} answered HTTP ${response.statusCode} with no GraphQL answer (${text.slice(0, 120).replace(/\s+/g, ' ')}): is the URL its /graphql endpoint?`,
      );
    }
    return { data: parsed.data ?? null, errors: Array.isArray(parsed.errors) ? parsed.errors : [] };
  }

  return {
    url: options.url,
    async request<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
      const body = JSON.stringify({ query, variables });
      for (let attempt = 0; ; attempt++) {
        try {
          return await once<T>(body);
        } catch (error) {
          if (!(error instanceof GatewayError) || error.kind !== 'unreachable' || attempt >= retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
        }
      }
    },
    close: () => agent.close(),
  };
}

/** One line for an operator: the first errors' messages with their code and agency. */
export function describeGraphqlErrors(errors: readonly GraphqlErrorEntry[]): string {
  const shown = errors.slice(0, 3).map((error) => {
    const tags = [error.extensions?.code, error.extensions?.agency].filter((tag) => typeof tag === 'string');
    return `${error.message}${tags.length > 0 ? ` [${tags.join(', ')}]` : ''}`;
  });
  return shown.join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more` : '');
}
