import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A handler for a path other than the GraphQL endpoint (health checks, assets, ...). */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (fresh DataLoaders live here). */
  context: (request: IncomingMessage) => Promise<TContext>;
  /** Path of the GraphQL endpoint. @default "/graphql" (subgraphs also answer on "/") */
  graphqlPaths?: readonly string[];
  /** Extra routes by exact path, e.g. `/healthz`. */
  routes?: Record<string, RouteHandler>;
  /** Largest request body accepted, in bytes. @default 1 MiB */
  maxBodyBytes?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  host: string;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish, then closes idle keep-alive sockets. */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(new HttpError(413, `request body is larger than ${maxBytes} bytes`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `request body is larger than ${maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJsonError(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code: status === 413 ? 'QUERY_TOO_COMPLEX' : 'BAD_USER_INPUT' } }] });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * A minimal node:http integration for Apollo Server (its documented `executeHTTPGraphQLRequest`
 * seam), shared by the gateway and the subgraphs. We own it rather than pulling in a web
 * framework because the gateway's hot path should be one JSON parse and one write.
 */
export function createGraphQLRequestListener<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const graphqlPaths = new Set(options.graphqlPaths ?? ['/graphql']);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const routes = options.routes ?? {};

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const search = queryStart === -1 ? '' : url.slice(queryStart);

    const route = routes[path];
    if (route) {
      await route(request, response);
      return;
    }
    if (!graphqlPaths.has(path)) {
      sendJsonError(response, 404, `no such path: ${path}`);
      return;
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
          throw new HttpError(400, 'request body is not valid JSON');
        }
      } else {
        body = text;
      }
    }

    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search, body },
      context: () => options.context(request),
    });
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of result.headers) responseHeaders[name] = value;
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
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) sendJsonError(response, error.status, error.message);
      else sendJsonError(response, 500, 'internal error');
    });
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
