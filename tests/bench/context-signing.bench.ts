import { ContextSigner } from '../../gateway/context-signing/context-signer';
import { createGatewayContextVerifier } from '../../subgraphs/kit/gateway-context';
import { makeContextKeys, requirementOf, testIdentity, type TestContextKeys } from '../support/gateway-context';

/**
 * `node dist/tests/bench/context-signing.bench.js`: what the gateway context costs per request.
 * The citizen query of the demo reaches 10 agency subgraphs in 14 fetches (entity fetches per plan
 * step); the gateway signs once per (request, subgraph), each subgraph verifies once per request
 * (a repeated token comes from its cache). Prints a table; asserts nothing.
 */
const SUBGRAPHS = ['dukcapil', 'imigrasi', 'samsat', 'bpjs-kesehatan', 'polri', 'bpjs-ketenagakerjaan', 'djp', 'bpn', 'oss', 'kua'];
/** Fetch order of one citizen query: dukcapil twice (root and family members), a few agencies twice. */
const FETCHES = [...SUBGRAPHS, 'dukcapil', 'imigrasi', 'polri', 'kua'];
const REQUESTS = 2000;
const WARM_UP = 200;
/** Tokens asked again for the cached-verification figure (within the verifier's cache). */
const CACHED = 500;

function microseconds(started: bigint, count: number): number {
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

async function measure(label: string, keys: TestContextKeys): Promise<string[]> {
  const signer = new ContextSigner(keys);
  const verifiers = new Map(SUBGRAPHS.map((name) => [name, createGatewayContextVerifier(requirementOf(keys), name)]));
  const runRequest = async (index: number): Promise<string[]> => {
    const identity = testIdentity({ requestId: `bench-${keys.publicKey.alg}-${index}` });
    return Promise.all(FETCHES.map((subgraph) => signer.contextFor(identity, subgraph)));
  };
  for (let index = 0; index < WARM_UP; index++) await runRequest(-index - 1);

  const signaturesBefore = signer.signatureCount;
  let started = process.hrtime.bigint();
  const tokensPerRequest: string[][] = [];
  for (let index = 0; index < REQUESTS; index++) tokensPerRequest.push(await runRequest(index));
  const signPerRequest = microseconds(started, REQUESTS);
  const signaturesPerRequest = (signer.signatureCount - signaturesBefore) / REQUESTS;

  started = process.hrtime.bigint();
  for (const tokens of tokensPerRequest) {
    for (const [index, token] of tokens.entries()) await verifiers.get(FETCHES[index]!)!.verify(token);
  }
  const verifyPerRequest = microseconds(started, REQUESTS);

  // One signature and one first-time verification on their own, for the per-subgraph figure.
  const single = testIdentity({ requestId: 'bench-single' });
  started = process.hrtime.bigint();
  for (let index = 0; index < REQUESTS; index++) await signer.contextFor({ ...single, requestId: `bench-one-${index}` }, 'dukcapil');
  const signOne = microseconds(started, REQUESTS);
  const fresh = createGatewayContextVerifier(requirementOf(keys), 'dukcapil');
  const tokens = await Promise.all(Array.from({ length: REQUESTS }, (_, index) => signer.contextFor(testIdentity({ requestId: `bench-v-${index}` }), 'dukcapil')));
  started = process.hrtime.bigint();
  for (const token of tokens) await fresh.verify(token);
  const verifyOne = microseconds(started, REQUESTS);
  // The verifier keeps the latest 1024 tokens (a request's repeated fetches come seconds apart): ask again for recent ones.
  const recent = tokens.slice(-CACHED);
  started = process.hrtime.bigint();
  for (let round = 0; round < REQUESTS / CACHED; round++) for (const token of recent) await fresh.verify(token);
  const verifyCached = microseconds(started, REQUESTS);

  return [label, signOne.toFixed(1), verifyOne.toFixed(1), verifyCached.toFixed(1), signaturesPerRequest.toFixed(1), signPerRequest.toFixed(0), verifyPerRequest.toFixed(0), String(tokens[0]!.length)];
}

async function main(): Promise<void> {
  const header = ['key', 'sign µs', 'verify µs', 'verify cached µs', 'signatures/request', 'gateway µs/request', 'subgraphs µs/request', 'header bytes'];
  const rows = [header, await measure('Ed25519 (EdDSA)', await makeContextKeys('ed25519')), await measure('P-256 (ES256)', await makeContextKeys('es256'))];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  process.stdout.write(`Gateway context cost: ${REQUESTS} citizen-query requests, ${FETCHES.length} fetches to ${SUBGRAPHS.length} subgraphs each (node ${process.version})\n`);
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padStart(widths[column]!)).join('  ')}\n`);
}

void main();
