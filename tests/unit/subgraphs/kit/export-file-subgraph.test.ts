import net from 'node:net';
import { startExportFileSubgraph, type ExportFileLifecycle } from '../../../../subgraphs/kit/export-file/export-file-subgraph';
import { buildKuaSchema } from '../../../../subgraphs/kua/kua.schema';

/** An adapter that records its lifecycle; its first load resolves when `finish` is called. */
function fakeClient(): ExportFileLifecycle & { events: string[]; finish: () => void } {
  let finish = (): void => undefined;
  const events: string[] = [];
  return {
    events,
    finish: () => finish(),
    start: () => {
      events.push('start');
      return new Promise<void>((resolve) => (finish = resolve)).then(() => {
        events.push('loaded');
      });
    },
    stop: async () => {
      events.push('stop');
    },
  };
}

describe('startExportFileSubgraph', () => {
  it('waits for the first load by default, serves, and stops the server then the adapter', async () => {
    const built = await buildKuaSchema();
    const client = fakeClient();
    const starting = startExportFileSubgraph({ built, host: '127.0.0.1', port: 0, client, createContext: () => ({}) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(client.events).toEqual(['start']);
    client.finish();
    const running = await starting;
    expect(running.client).toBe(client);
    expect(running.name).toBe('kua');
    const health = await fetch(new URL('/healthz', running.url));
    expect(health.status).toBe(200);
    await running.stop();
    expect(client.events).toEqual(['start', 'loaded', 'stop']);
  });

  it('serves after firstIndexWaitMs when the first load hangs', async () => {
    const built = await buildKuaSchema();
    const client = fakeClient();
    const running = await startExportFileSubgraph({ built, host: '127.0.0.1', port: 0, client, createContext: () => ({}), firstIndexWaitMs: 20 });
    expect(client.events).toEqual(['start']);
    await running.stop();
    expect(client.events).toEqual(['start', 'stop']);
  });

  it('stops the adapter when the server cannot start', async () => {
    const built = await buildKuaSchema();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const client = fakeClient();
    try {
      const starting = startExportFileSubgraph({ built, host: '127.0.0.1', port, client, createContext: () => ({}), firstIndexWaitMs: 0 });
      await expect(starting).rejects.toThrow();
      expect(client.events).toEqual(['start', 'stop']);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
