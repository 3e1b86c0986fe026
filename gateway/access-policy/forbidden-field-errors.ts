import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { RemovedField } from './field-access-plan';

/** Why a field was refused, in words a frontend developer can act on. */
export function refusalReason(field: Pick<RemovedField, 'missingScopes' | 'purposeRefused'>): string {
  const reasons: string[] = [];
  if (field.missingScopes.length > 0) {
    const scopes = field.missingScopes.map((scope) => `"${scope}"`).join(', ');
    reasons.push(`it needs the scope${field.missingScopes.length > 1 ? 's' : ''} ${scopes}, which this caller's credentials do not carry`);
  }
  if (field.purposeRefused) reasons.push("this request's purpose (X-Satu-Purpose) does not cover it");
  return reasons.join(', and ');
}

function extensionsOf(field: Pick<RemovedField, 'coordinate' | 'missingScopes' | 'purposeRefused'>): Record<string, unknown> {
  return { code: 'FORBIDDEN', coordinate: field.coordinate, missingScopes: field.missingScopes, purposeRefused: field.purposeRefused };
}

/** The error at one response path where a removed field would have been. */
export function forbiddenFieldError(field: RemovedField, path: ReadonlyArray<string | number> | undefined): GraphQLFormattedError {
  return {
    message: `${field.coordinate} is not available to this caller: ${refusalReason(field)}. Its value is null; the rest of the answer stands.`,
    ...(path ? { path: [...path] } : {}),
    extensions: extensionsOf(field),
  };
}

/** Said once when a removed field occurs at more paths than are listed one by one. */
export function moreOccurrencesError(field: RemovedField, omitted: number): GraphQLFormattedError {
  return {
    message: `${field.coordinate} is not available to this caller at ${omitted} more path${omitted === 1 ? '' : 's'} (not listed one by one): ${refusalReason(field)}.`,
    extensions: { ...extensionsOf(field), omittedPaths: omitted },
  };
}

/** The option that refuses the whole operation instead of answering without the forbidden fields. */
export function operationRefusedError(removed: readonly RemovedField[]): GraphQLError {
  const byCoordinate = new Map<string, RemovedField>();
  for (const field of removed) if (!byCoordinate.has(field.coordinate)) byCoordinate.set(field.coordinate, field);
  const fields = [...byCoordinate.values()];
  return new GraphQLError(
    `The operation asks for fields this caller may not read, and this gateway refuses such operations whole: ${fields
      .map((field) => `${field.coordinate} (${refusalReason(field)})`)
      .join('; ')}. Leave those fields out, or use credentials and a purpose that cover them.`,
    {
      extensions: {
        code: 'FORBIDDEN',
        coordinates: fields.map((field) => field.coordinate),
        missingScopes: [...new Set(fields.flatMap((field) => field.missingScopes))].sort(),
        http: { status: 403 },
      },
    },
  );
}
