import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { RegistryCandidate, RegistryReader, SupergraphHead } from '../../../../gateway/reload/registry-reader';
import { sha256 } from '../../../../gateway/registry/registry.store';
import { composeSupergraph } from '../../../../schema/compose';
import { REGISTRY_STAND_IN_SDL } from '../../../support/registry-stand-in';

/** The registry stand-in (dukcapil's role) plus one field, so versions differ. */
export function standInWith(extraQueryField = ''): string {
  return REGISTRY_STAND_IN_SDL.replace('type Query { citizen(nik: NIK!): Citizen }', `type Query { citizen(nik: NIK!): Citizen ${extraQueryField} }`);
}

export interface SdlServer {
  url: string;
  /** How many `_service { sdl }` questions it answered. */
  asked(): number;
  /** What it serves from now on: an SDL, or a raw HTTP answer. */
  serve(answer: { sdl: string } | { status: number; body: string } | { delayMs: number; sdl: string }): void;
  close(): Promise<void>;
}

/** A loopback server that answers every POST the way a subgraph answers `{ _service { sdl } }`. */
export async function startSdlServer(sdl: string): Promise<SdlServer> {
  let answer: Parameters<SdlServer['serve']>[0] = { sdl };
  let asked = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      asked += 1;
      const current = answer;
      const send = (status: number, body: string): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      };
      if ('status' in current) send(current.status, current.body);
      else if ('delayMs' in current) setTimeout(() => send(200, JSON.stringify({ data: { _service: { sdl: current.sdl } } })), current.delayMs).unref();
      else send(200, JSON.stringify({ data: { _service: { sdl: current.sdl } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    asked: () => asked,
    serve: (next) => (answer = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens (a port that was free a moment ago). */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

/** A registry's supergraph made of one subgraph (the stand-in) served at `url`. */
export function candidateOf(sequence: number, url: string, sdl: string = REGISTRY_STAND_IN_SDL): RegistryCandidate {
  const supergraphSdl = composeSupergraph([{ name: 'dukcapil', url, sdl }]).supergraphSdl;
  return { id: `supergraph-${sequence}`, sequence, hash: sha256(supergraphSdl), sdl: supergraphSdl, members: [{ subgraph: 'dukcapil', versionSequence: sequence, url, sdl }] };
}

/** A registry in memory: `current` is what it serves; `failing` makes every read throw. */
export class FakeRegistry implements RegistryReader {
  current: RegistryCandidate | null = null;
  failing: Error | null = null;
  reads = 0;

  async head(): Promise<SupergraphHead | null> {
    this.reads += 1;
    if (this.failing) throw this.failing;
    return this.current ? { id: this.current.id, sequence: this.current.sequence, hash: this.current.hash } : null;
  }

  async load(head: SupergraphHead): Promise<RegistryCandidate> {
    if (this.failing) throw this.failing;
    if (!this.current || this.current.id !== head.id) throw new Error('moved on');
    return this.current;
  }
}

export const silentLogger = pino({ level: 'silent' });
