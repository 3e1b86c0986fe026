import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { RequestIdentity, Role } from '../../gateway/access/caller';
import { ContextSigner } from '../../gateway/context-signing/context-signer';
import { loadContextSigningKeys } from '../../gateway/context-signing/context-signing-keys';
import { readContextSigningConfig } from '../../gateway/context-signing/context-signing-config';
import { GATEWAY_CONTEXT_HEADER, type GatewayContextRequirement } from '../../subgraphs/kit/gateway-context';
import { gatewayPublicKeyOf, type GatewayPublicKey } from '../../subgraphs/kit/gateway-context-keys';

/**
 * Signed gateway contexts for tests that call subgraphs directly (what the gateway's data source
 * sends as X-Satu-Context), with the same signer the gateway uses.
 */
export interface TestContextKeys {
  privateKey: KeyObject;
  publicKey: GatewayPublicKey;
}

/** A fresh Ed25519 pair (or P-256 for `es256`), not written anywhere. */
export async function makeContextKeys(kind: 'ed25519' | 'es256' = 'ed25519'): Promise<TestContextKeys> {
  const { privateKey } = kind === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey: await gatewayPublicKeyOf(privateKey, 'test key') };
}

/** The keys a demo started on `dataDir` signs with (generated there on its first start). */
export function demoContextKeys(dataDir: string): Promise<TestContextKeys> {
  return loadContextSigningKeys(readContextSigningConfig({ dataDir, mode: 'development' }, {}));
}

/** What a subgraph needs to require contexts signed with `keys`. */
export function requirementOf(keys: TestContextKeys): GatewayContextRequirement {
  return { keys: [keys.publicKey] };
}

export interface TestIdentity {
  requestId?: string;
  clientId?: string;
  role?: Role;
  purpose?: string | null;
  traceId?: string;
}

/** A request identity as the gateway's HTTP layer builds it. */
export function testIdentity(identity: TestIdentity = {}): RequestIdentity {
  return {
    caller: { clientId: identity.clientId ?? 'test-frontend', role: identity.role ?? 'frontend', scopes: new Set(), agency: null, via: 'jwt' },
    purpose: identity.purpose === undefined ? 'passport-application' : identity.purpose,
    requestId: identity.requestId ?? 'test-request-1',
    traceId: identity.traceId,
  };
}

export interface SignedContextOptions extends TestIdentity {
  /** When it was signed, in ms. @default now (a time minutes ago makes an expired context) */
  signedAt?: number;
  /** @default 60 */
  lifetimeSeconds?: number;
}

/** The X-Satu-Context value for a call to `subgraph`. */
export function signedContext(keys: TestContextKeys, subgraph: string, options: SignedContextOptions = {}): Promise<string> {
  const signedAt = options.signedAt;
  const signer = new ContextSigner(keys, { lifetimeSeconds: options.lifetimeSeconds, now: signedAt === undefined ? Date.now : () => signedAt });
  return signer.contextFor(testIdentity(options), subgraph);
}

/** Headers for a direct POST to `subgraph`'s URL, as the gateway would send them. */
export async function contextHeaders(keys: TestContextKeys, subgraph: string, options: SignedContextOptions = {}): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', [GATEWAY_CONTEXT_HEADER]: await signedContext(keys, subgraph, options) };
}
