import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { LocalSubgraphs } from '../../../../gateway/reload/local-subgraphs';

/** A one-field schema answering `version` with `label`, and `contextId` with the id it puts on its context. */
function versionSchema(label: string): GraphQLSchema {
  let next = 0;
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        version: { type: GraphQLString, resolve: () => label },
        contextId: {
          type: GraphQLString,
          resolve: (_root, _args, context: Record<string, unknown>) => {
            context.id ??= `${label}-${++next}`;
            return context.id as string;
          },
        },
      },
    }),
  });
}

const SUBGRAPHS = [
  { name: 'dukcapil', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'crosscheck', url: 'in-process://crosscheck' },
];

function incoming(requestContext: object, context: object, query = '{ version }'): GraphQLDataSourceProcessOptions {
  return { kind: 'incoming operation', request: { query }, incomingRequestContext: requestContext, context } as unknown as GraphQLDataSourceProcessOptions;
}

describe('in-process subgraphs that follow the supergraph', () => {
  it('answers a request on the schema of the supergraph it was planned on, and new requests on the newest', async () => {
    const built: string[] = [];
    const local = new LocalSubgraphs({ crosscheck: (sdl) => (built.push(sdl), versionSchema(sdl)) }, () => undefined);
    const apiA = {};
    const apiB = {};
    local.prepare('A', SUBGRAPHS);
    local.adopt(apiA, 'A', SUBGRAPHS);
    const source = local.dataSource('crosscheck');
    const plannedOnA = {};
    local.notePlan(plannedOnA, apiA);
    local.adopt(apiB, 'B', SUBGRAPHS);
    const plannedOnB = {};
    local.notePlan(plannedOnB, apiB);

    expect((await source.process(incoming(plannedOnA, {}))).data).toEqual({ version: 'A' });
    expect((await source.process(incoming(plannedOnB, {}))).data).toEqual({ version: 'B' });
    expect((await source.process(incoming({}, {}))).data).toEqual({ version: 'B' });
    // A was built once (prepared before adopting); B was built when adopted without preparing.
    expect(built).toEqual(['A', 'B']);
    expect(local.dataSource('crosscheck')).toBe(source);
  });

  it('gives each incoming request its own context, kept across its fetches and apart from the gateway\'s', async () => {
    const local = new LocalSubgraphs({ crosscheck: () => versionSchema('X') }, () => undefined);
    local.adopt({}, 'X', SUBGRAPHS);
    const source = local.dataSource('crosscheck');
    const gatewayContext1 = { gateway: true };
    const gatewayContext2 = { gateway: true };
    const first = (await source.process(incoming({}, gatewayContext1, '{ contextId }'))).data;
    const again = (await source.process(incoming({}, gatewayContext1, '{ contextId }'))).data;
    const other = (await source.process(incoming({}, gatewayContext2, '{ contextId }'))).data;
    expect(first).toEqual(again);
    expect(other).not.toEqual(first);
    expect(gatewayContext1).toEqual({ gateway: true });
  });

  it('refuses a supergraph whose in-process subgraph cannot be built, naming it', () => {
    const local = new LocalSubgraphs(
      {
        crosscheck: () => {
          throw new Error('no registry identity fields');
        },
      },
      () => undefined,
    );
    expect(() => local.prepare('A', SUBGRAPHS)).toThrow('cannot build the in-process crosscheck subgraph for this supergraph: no registry identity fields');
  });

  it('only warns, once, about an in-process subgraph it has no factory for, and does not serve it', () => {
    const warnings: string[] = [];
    const local = new LocalSubgraphs({ crosscheck: () => versionSchema('X') }, (message) => warnings.push(message));
    const withLineage = [...SUBGRAPHS, { name: 'lineage', url: 'in-process://lineage' }];
    local.prepare('A', withLineage);
    local.prepare('B', withLineage);
    expect(warnings).toEqual(['the supergraph serves lineage in-process (in-process://lineage), but this gateway has no in-process subgraph of that name (it has: crosscheck); its fields will fail as unavailable']);
    expect(local.serves('lineage', 'in-process://lineage')).toBe(false);
    expect(local.serves('crosscheck', 'in-process://crosscheck')).toBe(true);
    expect(local.serves('crosscheck', 'http://10.0.0.9/graphql')).toBe(false);
  });
});
