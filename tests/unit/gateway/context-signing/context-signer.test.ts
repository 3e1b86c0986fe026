import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ContextSigner, GATEWAY_CLIENT_ID } from '../../../../gateway/context-signing/context-signer';
import { GATEWAY_CONTEXT_TYPE, createGatewayContextVerifier } from '../../../../subgraphs/kit/gateway-context';
import { makeContextKeys, requirementOf, testIdentity, type TestContextKeys } from '../../../support/gateway-context';

describe('ContextSigner', () => {
  let keys: TestContextKeys;
  beforeAll(async () => {
    keys = await makeContextKeys();
  });

  it('signs a compact context: client, role, purpose, request and trace ids, for one subgraph, 60 s', async () => {
    const now = Date.UTC(2026, 0, 5, 8, 0, 0);
    const signer = new ContextSigner(keys, { now: () => now });
    const identity = testIdentity({ requestId: 'req-1', clientId: 'kiosk-07', purpose: 'vehicle-tax', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    const token = await signer.contextFor(identity, 'samsat');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: keys.publicKey.kid, typ: GATEWAY_CONTEXT_TYPE });
    expect(decodeJwt(token)).toEqual({
      iss: 'satu-gateway',
      aud: 'samsat',
      sub: 'kiosk-07',
      role: 'frontend',
      purpose: 'vehicle-tax',
      request_id: 'req-1',
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      iat: now / 1000,
      exp: now / 1000 + 60,
    });
    expect(token.length).toBeLessThan(500);
  });

  it('makes contexts the subgraph verifier accepts, and only for the subgraph named', async () => {
    const signer = new ContextSigner(keys);
    const token = await signer.contextFor(testIdentity({ requestId: 'req-2' }), 'bpn');
    await expect(createGatewayContextVerifier(requirementOf(keys), 'bpn').verify(token)).resolves.toMatchObject({ requestId: 'req-2', subgraph: 'bpn' });
    await expect(createGatewayContextVerifier(requirementOf(keys), 'djp').verify(token)).rejects.toThrow('the context is addressed to bpn, not to djp');
  });

  it('signs once per (request, subgraph), however many fetches the plan makes', async () => {
    const signer = new ContextSigner(keys);
    const first = testIdentity({ requestId: 'req-a' });
    const second = testIdentity({ requestId: 'req-b' });
    const tokens = await Promise.all([
      ...Array.from({ length: 5 }, () => signer.contextFor(first, 'imigrasi')),
      ...Array.from({ length: 3 }, () => signer.contextFor(first, 'polri')),
      signer.contextFor(second, 'imigrasi'),
    ]);
    expect(signer.signatureCount).toBe(3);
    expect(new Set(tokens.slice(0, 5)).size).toBe(1);
    expect(tokens[8]).not.toBe(tokens[0]);
  });

  it('signs again once half the lifetime has gone (a long request never sends a nearly expired context)', async () => {
    let now = Date.now();
    const signer = new ContextSigner(keys, { lifetimeSeconds: 60, now: () => now });
    const identity = testIdentity();
    const early = await signer.contextFor(identity, 'oss');
    now += 29_000;
    expect(await signer.contextFor(identity, 'oss')).toBe(early);
    now += 2_000;
    const later = await signer.contextFor(identity, 'oss');
    expect(later).not.toBe(early);
    expect(signer.signatureCount).toBe(2);
  });

  it('leaves out a trace id it could not pass on safely, keeping the rest', async () => {
    const token = await new ContextSigner(keys).contextFor(testIdentity({ traceId: 'bad trace id\r\n' }), 'kua');
    expect(decodeJwt(token)).not.toHaveProperty('trace_id');
    expect(decodeJwt(token).request_id).toBe('test-request-1');
  });

  it('refuses to sign a request id that could break a legacy header or SQL comment, and does not cache the failure', async () => {
    const signer = new ContextSigner(keys);
    const identity = testIdentity({ requestId: 'x*/ drop' });
    await expect(signer.contextFor(identity, 'bpn')).rejects.toThrow('the request id is not one the request scope accepts (1-64 of A-Za-z0-9._:-, no NIK-like run)');
    identity.requestId = 'fixed-1';
    await expect(signer.contextFor(identity, 'bpn')).resolves.toEqual(expect.any(String));
    await expect(signer.contextFor(testIdentity({ requestId: '1471100405960001' }), 'bpn')).rejects.toThrow(/no NIK-like run/);
  });

  it('signs the gateway’s own calls (readiness, schema verification) as satu-gateway with a fresh request id', async () => {
    const signer = new ContextSigner(keys);
    const [a, b] = await Promise.all([signer.internalContextFor('dukcapil', 'readiness'), signer.internalContextFor('dukcapil', 'readiness')]);
    const claims = decodeJwt(a);
    expect(claims).toMatchObject({ sub: GATEWAY_CLIENT_ID, role: 'gateway', purpose: 'readiness', aud: 'dukcapil' });
    expect(claims.request_id).toMatch(/^gateway-[0-9a-f-]{36}$/);
    expect(decodeJwt(b).request_id).not.toBe(claims.request_id);
    await expect(createGatewayContextVerifier(requirementOf(keys), 'dukcapil').verify(a)).resolves.toMatchObject({ clientId: GATEWAY_CLIENT_ID });
  });

  it('signs with ES256 when the key is P-256', async () => {
    const es256 = await makeContextKeys('es256');
    expect(decodeProtectedHeader(await new ContextSigner(es256).contextFor(testIdentity(), 'oss')).alg).toBe('ES256');
  });

  it.each([0, 301, 1.5])('refuses a lifetime of %s s', (lifetimeSeconds) => {
    expect(() => new ContextSigner(keys, { lifetimeSeconds })).toThrow(`a gateway context lifetime must be 1-300 seconds, got ${lifetimeSeconds}`);
  });
});
