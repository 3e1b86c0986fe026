import { buildSubgraph, defaultPrintOptions, orderPrintedDefinitions, printSchema } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { sha256 } from '../registry/registry.store';

/**
 * A subgraph SDL in one canonical form, so the SDL a subgraph serves can be compared with the
 * SDL its agency published.
 *
 * The two are not the same text: @apollo/subgraph answers `_service { sdl }` with the schema it
 * built, printed by federation-internals, which adds the federation definitions (`_Entity`,
 * `_Service`, `link__Import`, the `@link` schema definition, ...) and reprints ours, while the
 * registry holds the SDL as `npm run schema` printed it (schema/subgraphs/*.graphql, the
 * kit's header plus type-graphql's output). Building either text as a subgraph and printing it
 * the same way (definitions in a fixed order) gives one form for both; it is idempotent, so a
 * subgraph that serves its SDL as published compares equal too.
 */
export function canonicalSubgraphSdl(name: string, sdl: string): string {
  const key = `${name}:${sha256(sdl)}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const subgraph = buildSubgraph(name, '', parse(sdl), false);
  const canonical = printSchema(subgraph.schema, orderPrintedDefinitions(defaultPrintOptions));
  remembered.set(key, canonical);
  if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
  return canonical;
}

/**
 * Canonical forms by subgraph and text hash. Building a subgraph costs milliseconds of CPU on
 * the gateway's event loop, and a reload usually changes one subgraph: the others publish and
 * serve the same texts as at the previous verification.
 */
const remembered = new Map<string, string>();
const REMEMBERED_MAX = 512;

/** The first line where two canonical SDLs differ, for a readable refusal. */
export function firstDifference(expected: string, actual: string): string {
  const expectedLines = expected.split('\n');
  const actualLines = actual.split('\n');
  const length = Math.max(expectedLines.length, actualLines.length);
  for (let index = 0; index < length; index++) {
    if (expectedLines[index] !== actualLines[index]) {
      const show = (line: string | undefined): string => (line === undefined ? '(nothing)' : JSON.stringify(line.trim().slice(0, 120)));
      return `line ${index + 1}: published ${show(expectedLines[index])}, served ${show(actualLines[index])}`;
    }
  }
  return 'no difference';
}
