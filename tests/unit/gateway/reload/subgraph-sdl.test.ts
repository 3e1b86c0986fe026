import { graphql } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalSubgraphSdl, firstDifference } from '../../../../gateway/reload/subgraph-sdl';
import { agencyByName } from '../../../../subgraphs/catalog';

const SCHEMA_DIR = path.resolve(__dirname, '../../../../schema/subgraphs');

describe('canonical subgraph SDL', () => {
  it('makes what @apollo/subgraph serves for _service.sdl equal to what the agency publishes, though the texts differ', async () => {
    const built = await agencyByName('imigrasi').buildSchema();
    const result = await graphql({ schema: built.schema, source: '{ _service { sdl } }' });
    const served = (result.data as { _service: { sdl: string } })._service.sdl;
    // What `npm run schema` prints into schema/subgraphs/imigrasi.graphql, and what the agency publishes.
    const published = built.sdl;
    // The served text carries federation's own definitions; the published one does not.
    expect(served).not.toBe(published);
    expect(served).toContain('_Entity');
    expect(published).not.toContain('_Entity');
    expect(canonicalSubgraphSdl('imigrasi', served)).toBe(canonicalSubgraphSdl('imigrasi', published));
  });

  it('is idempotent: a subgraph that serves its canonical form compares equal', () => {
    const published = readFileSync(path.join(SCHEMA_DIR, 'samsat.graphql'), 'utf8');
    const once = canonicalSubgraphSdl('samsat', published);
    expect(canonicalSubgraphSdl('samsat', once)).toBe(once);
  });

  it('tells apart an SDL with one more field, and says where', () => {
    const published = readFileSync(path.join(SCHEMA_DIR, 'samsat.graphql'), 'utf8');
    const changed = published.replace(/type Vehicle([^{]*)\{/, 'type Vehicle$1{\n  colour: String');
    expect(changed).not.toBe(published);
    const expected = canonicalSubgraphSdl('samsat', published);
    const actual = canonicalSubgraphSdl('samsat', changed);
    expect(actual).not.toBe(expected);
    expect(firstDifference(expected, actual)).toMatch(/^line \d+: published .*, served "colour: String"$/);
  });

  it('does not depend on the order definitions are written in', () => {
    const a = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { a: A }\ntype A { x: Int }\ntype B { y: Int }\n';
    const b = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype B { y: Int }\ntype A { x: Int }\ntype Query { a: A }\n';
    expect(canonicalSubgraphSdl('s', a)).toBe(canonicalSubgraphSdl('s', b));
  });
});
