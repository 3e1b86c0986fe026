import { verifySubgraphs } from '../../../../gateway/reload/verify-subgraphs';
import { REGISTRY_STAND_IN_SDL } from '../../../support/registry-stand-in';
import { deadUrl, standInWith, startSdlServer, type SdlServer } from './reload-fixtures';

describe('verifying the subgraphs of a candidate supergraph', () => {
  let server: SdlServer;

  beforeEach(async () => {
    server = await startSdlServer(REGISTRY_STAND_IN_SDL);
  });

  afterEach(async () => {
    await server.close();
  });

  function subgraph(url: string, publishedSdl = REGISTRY_STAND_IN_SDL) {
    return { name: 'dukcapil', url, publishedSdl, versionSequence: 3 };
  }

  it('passes a subgraph that serves the SDL published for it', async () => {
    expect(await verifySubgraphs([subgraph(server.url)], { timeoutMs: 1000 })).toEqual([]);
    expect(server.asked()).toBe(1);
  });

  it('refuses a URL where nothing listens', async () => {
    const url = await deadUrl();
    expect(await verifySubgraphs([subgraph(url)], { timeoutMs: 1000 })).toEqual([{ subgraph: 'dukcapil', url, problem: 'cannot be reached (ECONNREFUSED)' }]);
  });

  it('refuses a subgraph that serves another SDL, naming the version and the first difference', async () => {
    server.serve({ sdl: standInWith('births: Int') });
    const [problem] = await verifySubgraphs([subgraph(server.url)], { timeoutMs: 1000 });
    expect(problem?.problem).toMatch(/^serves a different SDL than its published version 3 \(line \d+: published .*, served .*births: Int/);
  });

  it('refuses a subgraph that does not answer within the time-out', async () => {
    server.serve({ delayMs: 1000, sdl: REGISTRY_STAND_IN_SDL });
    const started = Date.now();
    expect(await verifySubgraphs([subgraph(server.url)], { timeoutMs: 150 })).toEqual([{ subgraph: 'dukcapil', url: server.url, problem: 'did not answer { _service { sdl } } within 150 ms' }]);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it.each([
    [{ status: 500, body: 'oops' }, 'answered HTTP 500 to { _service { sdl } }'],
    [{ status: 200, body: '<html>' }, 'answered { _service { sdl } } with something that is not JSON (6 bytes)'],
    [{ status: 200, body: JSON.stringify({ errors: [{ message: 'Cannot query field "_service" on type "Query".' }] }) }, 'does not serve its SDL (Cannot query field "_service" on type "Query".): is it a federation subgraph?'],
    [{ status: 200, body: JSON.stringify({ data: { _service: { sdl: 'type Query {' } } }) }, expect.stringMatching(/^serves an SDL that does not build as a subgraph: Syntax Error/)],
  ])('refuses a subgraph answering %p', async (answer, problem) => {
    server.serve(answer);
    expect(await verifySubgraphs([subgraph(server.url)], { timeoutMs: 1000 })).toEqual([{ subgraph: 'dukcapil', url: server.url, problem }]);
  });

  it('skips in-process subgraphs and refuses URLs that are neither http(s) nor in-process', async () => {
    const problems = await verifySubgraphs(
      [
        { name: 'crosscheck', url: 'in-process://crosscheck', publishedSdl: 'not even parsed', versionSequence: 1 },
        { name: 'ftp', url: 'ftp://10.0.0.1/graphql', publishedSdl: REGISTRY_STAND_IN_SDL, versionSequence: 1 },
      ],
      { timeoutMs: 1000 },
    );
    expect(problems).toEqual([{ subgraph: 'ftp', url: 'ftp://10.0.0.1/graphql', problem: 'has the URL "ftp://10.0.0.1/graphql", which is neither http(s) nor in-process' }]);
  });

  it('checks every subgraph and reports each bad one', async () => {
    const url = await deadUrl();
    const problems = await verifySubgraphs([subgraph(server.url), { ...subgraph(url), name: 'samsat' }], { timeoutMs: 1000 });
    expect(problems.map((problem) => problem.subgraph)).toEqual(['samsat']);
  });
});
