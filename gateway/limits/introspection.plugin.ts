import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Does the operation ask `__schema` or `__type` anywhere (fragments included)? `__typename` is not introspection. */
export function asksIntrospection(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const seen = new Set<SelectionSetNode>();
  const pending: SelectionSetNode[] = document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.selectionSet] : []));
  while (pending.length > 0) {
    const set = pending.pop()!;
    if (seen.has(set)) continue; // each selection set once: a fragment spread many times is read once
    seen.add(set);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_FIELDS.has(selection.name.value)) return true;
        if (selection.selectionSet) pending.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return false;
}

export interface IntrospectionPluginOptions<TContext extends BaseContext> {
  /** May this request's caller see the schema (e.g. its role or a `schema:read` scope)? */
  mayIntrospect(contextValue: TContext): boolean;
}

/**
 * Introspection only for callers who may see the schema (issue 6, item 4). Apollo's own
 * `introspection` switch is all-or-nothing per server; this decides per caller, so the
 * gateway keeps Apollo's switch on and lets this plugin refuse the others with FORBIDDEN.
 */
export function introspectionPlugin<TContext extends BaseContext>(options: IntrospectionPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!asksIntrospection(document) || options.mayIntrospect(contextValue)) return;
          throw new GraphQLError('Introspection (__schema, __type) is only for callers who may see the schema (the schema:read scope); this caller may not. The client-facing schema is published as schema/api.graphql.', {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        },
      };
    },
  };
}
