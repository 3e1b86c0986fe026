import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readLastGood, sidecarPathOf, writeLastGood } from '../../../../gateway/reload/last-good-file';
import { sha256 } from '../../../../gateway/registry/registry.store';
import { TempDirs } from '../../../support/temp-dir';

describe('the last-good supergraph file', () => {
  const dirs = new TempDirs();
  afterAll(() => dirs.removeAll());

  it('round-trips the SDL with its sequence and hash in a JSON sidecar, leaving no temporary file', () => {
    const dir = dirs.make('satu-last-good-');
    const file = path.join(dir, 'nested', 'last-good-supergraph.graphql');
    const sdl = 'schema { query: Query }\ntype Query { a: Int }\n';
    writeLastGood(file, { sdl, sequence: 7, hash: sha256(sdl) }, new Date('2026-12-01T00:00:00.000Z'));
    expect(readFileSync(file, 'utf8')).toBe(sdl);
    expect(JSON.parse(readFileSync(sidecarPathOf(file), 'utf8'))).toEqual({ sequence: 7, hash: sha256(sdl), savedAt: '2026-12-01T00:00:00.000Z' });
    expect(readLastGood(file)).toEqual({ status: 'found', lastGood: { sdl, sequence: 7, hash: sha256(sdl), savedAt: '2026-12-01T00:00:00.000Z' } });
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['last-good-supergraph.graphql', 'last-good-supergraph.graphql.json']);
  });

  it('replaces an older pair', () => {
    const file = path.join(dirs.make('satu-last-good-'), 'sg.graphql');
    writeLastGood(file, { sdl: 'old', sequence: 1, hash: sha256('old') });
    writeLastGood(file, { sdl: 'new', sequence: 2, hash: sha256('new') });
    expect(readLastGood(file)).toMatchObject({ status: 'found', lastGood: { sdl: 'new', sequence: 2 } });
  });

  it('is missing when never written', () => {
    expect(readLastGood(path.join(dirs.make('satu-last-good-'), 'none.graphql'))).toEqual({ status: 'missing' });
  });

  it('refuses an SDL that does not match the hash in its sidecar (half-written or damaged pair)', () => {
    const file = path.join(dirs.make('satu-last-good-'), 'sg.graphql');
    writeLastGood(file, { sdl: 'one', sequence: 1, hash: sha256('one') });
    writeFileSync(file, 'one, cut');
    expect(readLastGood(file)).toEqual({ status: 'unusable', reason: expect.stringMatching(/does not match the hash in .*sg\.graphql\.json/) });
  });

  it.each([
    ['not JSON', '{"sequence": 1', /is not JSON/],
    ['missing fields', '{"sequence": 1}', /lacks sequence, hash or savedAt/],
  ])('refuses a sidecar that is %s', (_what, sidecar, reason) => {
    const file = path.join(dirs.make('satu-last-good-'), 'sg.graphql');
    writeLastGood(file, { sdl: 'one', sequence: 1, hash: sha256('one') });
    writeFileSync(sidecarPathOf(file), sidecar);
    expect(readLastGood(file)).toEqual({ status: 'unusable', reason: expect.stringMatching(reason) });
  });
});
