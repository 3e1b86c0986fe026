import nock from 'nock';
import { LegacyError } from '../../../../subgraphs/kit/errors';
import { legacyFetchText, parseLegacyJson } from '../../../../subgraphs/kit/legacy-http';

const BASE = 'http://legacy.test';

async function failure(promise: Promise<unknown>): Promise<LegacyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LegacyError) return error;
    throw error;
  }
  throw new Error('expected a LegacyError');
}

describe('legacyFetchText', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('returns the body of a 2xx answer', async () => {
    nock(BASE).post('/x', 'hello').reply(200, 'ok');
    await expect(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 1000, body: 'hello' })).resolves.toBe('ok');
  });

  it('maps 5xx to AGENCY_UNAVAILABLE and 4xx to AGENCY_BAD_RESPONSE', async () => {
    nock(BASE).post('/x').reply(503, 'down');
    expect((await failure(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 1000 }))).code).toBe('AGENCY_UNAVAILABLE');
    nock(BASE).post('/x').reply(404, 'nope');
    expect((await failure(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 1000 }))).code).toBe('AGENCY_BAD_RESPONSE');
  });

  it('maps a slow answer to AGENCY_TIMEOUT', async () => {
    nock(BASE).post('/x').delay(500).reply(200, 'late');
    const error = await failure(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 100 }));
    expect(error.code).toBe('AGENCY_TIMEOUT');
    expect(error.agency).toBe('a');
  });

  it('maps a reset connection to AGENCY_UNAVAILABLE', async () => {
    nock(BASE).post('/x').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    expect((await failure(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 1000 }))).code).toBe('AGENCY_UNAVAILABLE');
  });

  it('waits the stated Retry-After on 429 and tries again', async () => {
    nock(BASE).post('/x').reply(429, 'slow down', { 'retry-after': '0.05' }).post('/x').reply(200, 'ok');
    await expect(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 1000, retryOn429: { maxRetries: 2, backoffMs: 10 } })).resolves.toBe('ok');
  });

  it('gives up on 429 when the delay would pass the deadline', async () => {
    nock(BASE).post('/x').reply(429, 'slow down', { 'retry-after': '5' });
    const error = await failure(legacyFetchText(`${BASE}/x`, { agency: 'a', timeoutMs: 300, retryOn429: { maxRetries: 2, backoffMs: 10 } }));
    expect(error.code).toBe('AGENCY_UNAVAILABLE');
    expect(error.message).toMatch(/deadline/);
  });

  it('parseLegacyJson maps a malformed body to AGENCY_BAD_RESPONSE', () => {
    expect(() => parseLegacyJson('a', '{"content":[')).toThrow(LegacyError);
    expect(parseLegacyJson('a', '{"ok":1}')).toEqual({ ok: 1 });
  });
});

// nock patches http on import; undo it when this file is done so later files see the real modules.
afterAll(() => nock.restore());
