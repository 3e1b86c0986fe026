import { Kind, type ConstValueNode, type DocumentNode } from 'graphql';
import { SATU_SPEC_URL } from '../../subgraphs/kit/directives';

/** The spec URL without its version (`https://specs.satu.go.id/satu`), so v0.1 and v0.2 both match. */
const SATU_SPEC_BASE = SATU_SPEC_URL.replace(/\/v[^/]*$/, '');

function stringArgument(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The name under which a supergraph uses one of our directives. A `@link` may import it under
 * another name (`{ name: "@access", as: "@satuAccess" }`) or not import it at all, in which case
 * the link spec namespaces it (`@satu__access`). Reading the plain name would silently ignore
 * every rule in such a supergraph, which for access control means "everything is open".
 */
export function satuDirectiveName(document: DocumentNode, directive: string): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = stringArgument(link.arguments?.find((argument) => argument.name.value === 'url')?.value);
      if (!url || !url.startsWith(SATU_SPEC_BASE)) continue;
      const imports = link.arguments?.find((argument) => argument.name.value === 'import')?.value;
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (entry.kind === Kind.STRING && entry.value === `@${directive}`) return directive;
        if (entry.kind === Kind.OBJECT) {
          const name = stringArgument(entry.fields.find((field) => field.name.value === 'name')?.value);
          const alias = stringArgument(entry.fields.find((field) => field.name.value === 'as')?.value);
          if (name === `@${directive}`) return (alias ?? name).replace(/^@/, '');
        }
      }
      const as = stringArgument(link.arguments?.find((argument) => argument.name.value === 'as')?.value);
      return `${as ?? 'satu'}__${directive}`;
    }
  }
  // No link to our spec: a hand-written supergraph (tests, tools) uses the plain name.
  return directive;
}
