import nock from 'nock';

/**
 * Registers the usual nock hooks for a test file (or describe block): no real network,
 * interceptors cleared after each test (and, unless `assertNoPendingMocks` is false,
 * an assertion that every interceptor was used), and nock restored at the end: nock patches
 * http on import, so undoing it when the file is done lets later files see the real modules.
 */
export function useNockHygiene({ assertNoPendingMocks = true }: { assertNoPendingMocks?: boolean } = {}): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (assertNoPendingMocks) expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}
