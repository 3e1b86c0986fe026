import { existsSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseReconcileArguments, runReconcileCli } from '../../../../gateway/cli/reconcile';
import { GatewayError, createGraphqlClient } from '../../../../gateway/reconcile/graphql-client';
import { ATTRIBUTE_COLUMNS } from '../../../../gateway/reconcile/input-columns';
import { gatewayRegistryClient, registryQuery } from '../../../../gateway/reconcile/registry-client';
import { FakeRegistry, citizenOf, nikOf, silentIo, tempDir, writeCsv } from './fixtures';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run reconcile: arguments', () => {
  it.each([
    [[], [/--agency is required/, /--input is required/, /--out is required/]],
    [['--agency', 'SAMSAT!', '--input', 'x.csv', '--out', 'o'], [/--agency must be an agency name in lower case/]],
    [['--agency', 'samsat', '--input', 'x.csv', '--out', 'o', '--batch', '101'], [/--batch must be a whole number from 1 to 100 \(the gateway's citizens\(niks:\) limit\); got "101"/]],
    [['--agency', 'samsat', '--input', 'x.csv', '--out', 'o', '--batch', '0'], [/--batch must be a whole number/]],
    [['--agency', 'samsat', '--input', 'x.csv', '--out', 'o', '--gateway', 'ftp://x'], [/--gateway must be an http\(s\) URL/]],
    [['--agency', 'samsat', '--input', 'x.csv', '--out', 'o', '--bogus'], [/unknown option '--bogus'/]],
    [['--agency', 'samsat', '--input', 'x.csv', '--out', 'o', '--concurrency', 'many'], [/--concurrency must be a whole number from 1 to 8; got "many"/]],
  ])('refuses %p naming each problem, exit code 2', async (argv, messages) => {
    const io = silentIo();
    expect(await runReconcileCli(argv, io, { client: FakeRegistry.of([]) })).toBe(2);
    for (const message of messages) expect(io.err.join('')).toMatch(message);
  });

  it('reads the flags with their defaults', () => {
    expect(parseReconcileArguments(['--agency', 'djp', '--input', 'a.csv', '--out', 'o'], silentIo())).toEqual({
      options: { agency: 'djp', input: 'a.csv', out: 'o', gateway: process.env.SATU_GATEWAY_URL || 'http://127.0.0.1:4000/graphql', batchSize: 100, restart: false, concurrency: 4 },
    });
    expect(parseReconcileArguments(['--agency', 'djp', '--input', 'a.csv', '--out', 'o', '--batch', '25', '--restart', '--gateway', 'https://satu.example/graphql'], silentIo())).toMatchObject({
      options: { batchSize: 25, restart: true, gateway: 'https://satu.example/graphql' },
    });
  });

  it('prints help with exit code 0', async () => {
    const io = silentIo();
    expect(await runReconcileCli(['--help'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/--agency <name>[\s\S]*Exit codes: 0 done; 1 failure/);
  });

  it('names an unusable input file with exit code 2, and runs a good one with exit code 0', async () => {
    const io = silentIo();
    expect(await runReconcileCli(['--agency', 'samsat', '--input', path.join(dir, 'none.csv'), '--out', path.join(dir, 'o1')], io, { client: FakeRegistry.of([]) })).toBe(2);
    expect(io.err.join('')).toMatch(/none.csv does not exist/);
    const input = writeCsv(dir, 'ok.csv', `nik,sex\n${nikOf(1)},L\n`);
    const ok = silentIo();
    expect(await runReconcileCli(['--agency', 'samsat', '--input', input, '--out', path.join(dir, 'o2')], ok, { client: FakeRegistry.of([citizenOf(1)]) })).toBe(0);
    expect(readFileSync(path.join(dir, 'o2', 'discrepancies.csv'), 'utf8')).toBe('line,nik,attribute,verdict,registry_value,agency_value,reason,rule\n');
  });

  it('fails with exit code 1 and a clear message when the gateway is down, keeping the checkpoint', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const input = writeCsv(dir, 'down.csv', `nik,sex\n${nikOf(1)},L\n`);
    const out = path.join(dir, 'down');
    const io = silentIo();
    const code = await runReconcileCli(['--agency', 'samsat', '--input', input, '--out', out, '--gateway', `http://127.0.0.1:${port}/graphql`], io);
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(new RegExp(`cannot reach the gateway at http://127.0.0.1:${port}/graphql \\(ECONNREFUSED\\): is it running\\?`));
    expect(io.err.join('')).toMatch(/The checkpoint is kept: 0 rows up to line 1 are done; rerun the same command to resume/);
    expect(existsSync(path.join(out, 'reconcile-checkpoint.json'))).toBe(true);
  });
});

describe('the registry through the gateway over HTTP', () => {
  let server: http.Server;
  let url: string;
  let answer: (body: { query: string; variables: { niks: string[] } }) => unknown;
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: { query: string; variables: { niks: string[] } } }> = [];
  const sockets = new Set<number>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      sockets.add((request.socket.remotePort ?? 0));
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const body = JSON.parse(text) as { query: string; variables: { niks: string[] } };
        requests.push({ headers: request.headers, body });
        const result = answer(body);
        if (typeof result === 'string') {
          response.writeHead(502, { 'content-type': 'text/html' }).end(result);
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const columns = ATTRIBUTE_COLUMNS.filter((column) => ['full_name', 'address'].includes(column.name));

  it('asks only for the fields of the columns present, names its purpose, and reuses the connection', async () => {
    answer = (body) => ({ data: { citizens: body.variables.niks.map((nik, i) => (i === 1 ? null : { nik, fullName: 'X', address: null })) } });
    const http = createGraphqlClient({ url, headers: { 'x-satu-purpose': 'pemadanan-data' } });
    const registry = gatewayRegistryClient(http);
    sockets.clear();
    const first = await registry.fetchCitizens([nikOf(1), nikOf(2)], columns);
    await registry.fetchCitizens([nikOf(3)], columns);
    await http.close();
    expect(first).toEqual([{ nik: nikOf(1), fullName: 'X', address: null }, null]);
    expect(requests.at(-1)!.body.query).toBe(registryQuery(columns));
    expect(registryQuery(columns)).toBe('query Reconcile($niks: [NIK!]!) { citizens(niks: $niks) { nik fullName address { street rt rw village district regency } } }');
    expect(requests.at(-1)!.headers['x-satu-purpose']).toBe('pemadanan-data');
    expect(sockets.size).toBe(1);
  });

  it.each([
    ['an error in the answer', () => ({ data: { citizens: [null] }, errors: [{ message: 'dukcapil is down', extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'dukcapil' } }] }), 'graphql', /answered with errors: dukcapil is down \[AGENCY_UNAVAILABLE, dukcapil\]/],
    ['a citizen for another NIK', () => ({ data: { citizens: [{ nik: nikOf(9) }] } }), 'bad-response', /entry 1 of citizens for another NIK than asked/],
    ['too few citizens', () => ({ data: { citizens: [] } }), 'bad-response', /citizens with 0 entries for 1 NIKs/],
    ['no GraphQL at all', () => '<html>Bad Gateway</html>', 'http', /answered HTTP 502 with no GraphQL answer .*is the URL its \/graphql endpoint\?/],
  ])('refuses %s with a GatewayError', async (_label, reply, kind, message) => {
    answer = reply;
    const http = createGraphqlClient({ url, retries: 0 });
    const failure = gatewayRegistryClient(http).fetchCitizens([nikOf(1)], columns);
    await expect(failure).rejects.toBeInstanceOf(GatewayError);
    await expect(failure).rejects.toMatchObject({ kind, message: expect.stringMatching(message) });
    await http.close();
  });
});
