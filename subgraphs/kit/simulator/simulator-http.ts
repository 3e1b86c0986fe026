import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenServer, type RunningHttpServer } from '../http/graphql-http-server';
import { FaultInjector, FaultSettingsError } from './faults';

/** Counters a simulator exposes at GET /__control/stats, so tests and benchmarks can count legacy calls. */
export interface SimulatorStats {
  requests: number;
  byOperation: Record<string, number>;
}

export interface SimulatorRequest {
  request: IncomingMessage;
  path: string;
  body: string;
}

export interface SimulatorReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HttpSimulatorOptions {
  host: string;
  port: number;
  faults: FaultInjector;
  /** Names the legacy operation for the stats (e.g. "nik", "batch"). */
  operationOf(request: SimulatorRequest): string;
  /** The legacy system's normal answer. */
  answer(request: SimulatorRequest): Promise<SimulatorReply> | SimulatorReply;
  /** What this legacy system's server error looks like. @default HTTP 500 text/html */
  errorReply?: () => SimulatorReply;
  /** A body the client cannot read. @default truncated JSON */
  malformedReply?: () => SimulatorReply;
  /**
   * Handles a raw request before any of the above (the SOAP simulator lets the `soap`
   * package answer). Return true when it has taken the request.
   */
  takeover?: (request: IncomingMessage, response: ServerResponse, body: string) => boolean;
}

export interface RunningSimulator extends RunningHttpServer {
  stats(): SimulatorStats;
  faults: FaultInjector;
}

const DEFAULT_ERROR: SimulatorReply = {
  status: 500,
  headers: { 'content-type': 'text/html' },
  body: '<html><body><h1>500 Internal Server Error</h1><p>java.lang.NullPointerException at 10.1.2.3</p></body></html>',
};
const DEFAULT_MALFORMED: SimulatorReply = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"content":[{"NIK":"14710',
};

/**
 * The shared shell of every HTTP legacy simulator: reads the body, applies latency and
 * faults, counts calls, serves the control endpoints, and on close() also destroys hung
 * sockets so tests never wait on them.
 */
export async function startHttpSimulator(options: HttpSimulatorOptions): Promise<RunningSimulator> {
  const stats: SimulatorStats = { requests: 0, byOperation: {} };
  const sockets = new Set<Socket>();

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void handle(request, response, body).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/__control/stats') {
      send(response, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(stats) });
      return;
    }
    if (path === '/__control/faults') {
      if (request.method === 'POST') {
        try {
          options.faults.update(JSON.parse(body || '{}'));
        } catch (error) {
          const message = error instanceof FaultSettingsError || error instanceof SyntaxError ? error.message : 'bad settings';
          send(response, { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: message }) });
          return;
        }
      }
      send(response, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.faults.current) });
      return;
    }

    const simulatorRequest: SimulatorRequest = { request, path, body };
    stats.requests += 1;
    const operation = options.operationOf(simulatorRequest);
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;

    const decision = options.faults.decide();
    if (decision === 'hang') return; // never answer; close() destroys the socket
    await options.faults.delay();
    if (decision === 'error') {
      send(response, (options.errorReply ?? (() => DEFAULT_ERROR))());
      return;
    }
    if (decision === 'malformed') {
      send(response, (options.malformedReply ?? (() => DEFAULT_MALFORMED))());
      return;
    }
    if (options.takeover?.(request, response, body)) return;
    send(response, await options.answer(simulatorRequest));
  }

  const running = await listenServer(server, options.host, options.port, '');
  return {
    ...running,
    faults: options.faults,
    stats: () => ({ requests: stats.requests, byOperation: { ...stats.byOperation } }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await running.close();
    },
  };
}

function send(response: ServerResponse, reply: SimulatorReply): void {
  response.writeHead(reply.status, { 'content-length': String(Buffer.byteLength(reply.body)), ...reply.headers });
  response.end(reply.body);
}
