import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createLogger } from '../logger';
import { hasNikRun, maskNikRuns } from '../nik-mask';
import { REQUEST_ID_HEADER, requestIdFrom, runInRequestScope } from '../request-scope';

/** A handler for a path other than the GraphQL endpoint (health checks, assets, ...). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** What the HTTP layer knows about a request before the context is built. */
export interface RequestFacts {
  /** The request id (the caller's sane `X-Request-Id`, else generated); also on every log line. */
  requestId: string;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (fresh DataLoaders live here). */
  context: (request: IncomingMessage, facts: RequestFacts) => Promise<TContext>;
  /** Path of the GraphQL endpoint. @default "/graphql" (subgraphs also answer on "/") */
  graphqlPaths?: readonly string[];
  /** Extra routes by exact path, e.g. `/healthz`. */
  routes?: Record<string, RouteHandler>;
  /** Largest request body accepted, in bytes. @default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Refuse GraphQL over GET (HTTP 405): operations read personal data, and a GET carries its
   * variables, NIK included, in the URL. The gateway sets it; subgraphs, which only the gateway
   * calls (by POST), may. Routes (`/healthz`, assets) still answer GET. @default false
   */
  refuseGetOperations?: boolean;
  /** For requests refused or failed in this layer. @default createLogger("http") */
  logger?: Logger;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(): Promise<void>;
}

/** Codes of the errors this layer answers itself (Apollo's own BAD_REQUEST for HTTP-level faults). */
type HttpErrorCode = 'BAD_REQUEST' | 'BAD_USER_INPUT' | 'QUERY_TOO_COMPLEX' | 'INTERNAL_SERVER_ERROR';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** How much of an oversized body we read and discard so the client can read its 413, before hanging up. */
const OVERSIZED_DRAIN_BYTES = 16 * 1024 * 1024;

function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'QUERY_TOO_COMPLEX', `request body is larger than ${maxBytes} bytes`, { connection: 'close' });
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(bodyTooLarge(maxBytes));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        // A body without a declared length (chunked) that keeps coming: drained up to a bound so
        // the client reads the 413 rather than a reset, then cut off.
        if (size > OVERSIZED_DRAIN_BYTES) request.destroy();
        return;
      }
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(bodyTooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function sendJsonError(response: ServerResponse, error: HttpError, requestId: string): void {
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  response.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // A refusal may be about the URL itself: no cache may keep it.
    'cache-control': 'no-store',
    [REQUEST_ID_HEADER]: requestId,
  });
  response.end(body);
}

/** The URL as a client may have written it: percent-escapes decoded where they decode. */
function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/**
 * True when the URL carries a NIK-like run (16 or more digits in a row, percent-encoded or not,
 * any script). Personal data must never travel in a URL: proxies, access logs, browser history
 * and Referer headers keep URLs.
 */
export function urlCarriesNik(url: string): boolean {
  return hasNikRun(url) || hasNikRun(decodedUrl(url));
}

const NIK_IN_URL = new HttpError(
  400,
  'BAD_USER_INPUT',
  'The URL carries what looks like a NIK (16 or more digits in a row). Personal data must never travel in a URL, where proxies, logs and browser history keep it: send it in the JSON body of a POST. The request was not processed.',
);

const GET_REFUSED = new HttpError(
  405,
  'BAD_REQUEST',
  'GraphQL over GET is not accepted here: its variables (a NIK among them) would travel in the URL, where proxies, logs and browser history keep them. Send the operation as a POST with a JSON body (content-type: application/json).',
  { allow: 'POST' },
);

/**
 * A minimal node:http integration for Apollo Server (its documented `executeHTTPGraphQLRequest`
 * seam), shared by the gateway and the subgraphs. We own it rather than pulling in a web
 * framework because the gateway's hot path should be one JSON parse and one write.
 *
 * Every request runs in a request scope (../request-scope): its id, from a sane `X-Request-Id` or
 * generated, is on every log line written while serving it and is returned in `X-Request-Id`.
 * A URL carrying a NIK-like run is refused before anything else, on every path and method.
 */
export function createGraphQLRequestListener<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const graphqlPaths = new Set(options.graphqlPaths ?? ['/graphql']);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const routes = options.routes ?? {};
  let logger = options.logger;
  const log = (): Logger => (logger ??= createLogger('http'));

  async function handle(request: IncomingMessage, response: ServerResponse, facts: RequestFacts): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const search = queryStart === -1 ? '' : url.slice(queryStart);

    if (urlCarriesNik(url)) {
      // Logged without the URL: the path alone, masked (the NIK may be in the path).
      log().warn({ method: request.method, path: maskNikRuns(decodedUrl(path)) }, 'request refused: a NIK in the URL');
      request.resume();
      throw NIK_IN_URL;
    }
    const route = routes[path];
    if (route) {
      await route(request, response);
      return;
    }
    if (!graphqlPaths.has(path)) {
      throw new HttpError(404, 'BAD_REQUEST', `no such path: ${path.slice(0, 200)}`);
    }
    if (options.refuseGetOperations && (request.method === 'GET' || request.method === 'HEAD')) {
      request.resume();
      throw GET_REFUSED;
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (request.method === 'POST') {
      const text = await readBody(request, maxBodyBytes);
      const contentType = headers.get('content-type') ?? '';
      if (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json')) {
        try {
          body = text.length === 0 ? undefined : JSON.parse(text);
        } catch {
          throw new HttpError(400, 'BAD_REQUEST', 'request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }

    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
      context: () => options.context(request, facts),
    });
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of result.headers) responseHeaders[name] = value;
    // Answers carry personal data: no shared or private cache may keep them, unless a plugin said otherwise.
    responseHeaders['cache-control'] ??= 'no-store';
    responseHeaders[REQUEST_ID_HEADER] = facts.requestId;
    if (result.body.kind === 'complete') {
      responseHeaders['content-length'] = String(Buffer.byteLength(result.body.string));
      response.writeHead(result.status ?? 200, responseHeaders);
      response.end(result.body.string);
      return;
    }
    response.writeHead(result.status ?? 200, responseHeaders);
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  }

  return (request, response) => {
    const facts: RequestFacts = { requestId: requestIdFrom(request.headers[REQUEST_ID_HEADER]) };
    // Routes that write their own head keep it; setHeader merges into it.
    response.setHeader(REQUEST_ID_HEADER, facts.requestId);
    runInRequestScope(facts, () =>
      handle(request, response, facts).catch((error: unknown) => {
        if (response.headersSent) {
          log().warn({ err: error }, 'request failed after the answer had started');
          response.destroy();
          return;
        }
        if (error instanceof HttpError) {
          sendJsonError(response, error, facts.requestId);
          return;
        }
        log().error({ err: error }, 'request failed');
        sendJsonError(response, new HttpError(500, 'INTERNAL_SERVER_ERROR', `internal error (request id ${facts.requestId})`), facts.requestId);
      }),
    );
  };
}

/** Listens on host:port (port 0 = a free port) and returns the URL and a draining close(). */
export function listen(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
  host: string,
  port: number,
  path = '/graphql',
): Promise<RunningHttpServer> {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, listener);
  return listenServer(server, host, port, path);
}

export function listenServer(server: http.Server, host: string, port: number, path = ''): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${urlHost}:${address.port}${path}`,
        port: address.port,
        host: address.address,
        server,
        close: () => closeServer(server),
      });
    });
  });
}

/** Drains: no new connections, in-flight requests finish, idle keep-alive sockets close. */
export function closeServer(server: http.Server, forceAfterMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), forceAfterMs);
    force.unref();
    // A keep-alive socket whose request finishes after close() turns idle later; sweep
    // those as they appear, or close() would wait for the client's keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
