import type { GraphQLError } from 'graphql';
import type { OperationLimits } from './limits-config';
import type { OperationMeasures } from './operation-measure';
import { queryTooComplex } from './query-too-complex';

/**
 * The first limit an operation exceeds, or undefined. The specific limits come before the
 * cost, so a client hears the concrete cause ("niks has 10000 items, maximum 100") rather than
 * its consequence (a large cost).
 */
export function exceededLimit(measures: OperationMeasures, limits: OperationLimits): GraphQLError | undefined {
  const list = measures.longestList;
  if (list && list.length > limits.maxListArgument) return queryTooComplex('listArgument', list.length, limits.maxListArgument, `argument ${list.argument} of ${list.coordinate}`);
  if (measures.depth > limits.maxDepth) return queryTooComplex('depth', measures.depth, limits.maxDepth);
  if (measures.aliases > limits.maxAliases) return queryTooComplex('aliases', measures.aliases, limits.maxAliases);
  if (measures.directives > limits.maxDirectives) return queryTooComplex('directives', measures.directives, limits.maxDirectives);
  if (measures.rootFields > limits.maxRootFields) return queryTooComplex('rootFields', measures.rootFields, limits.maxRootFields);
  if (measures.cost > limits.maxCost) return queryTooComplex('cost', Math.ceil(measures.cost), limits.maxCost);
  return undefined;
}
