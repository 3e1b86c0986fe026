/**
 * The caller asked about something lineage cannot answer: a malformed coordinate, a field or a
 * subgraph the graph does not have. Becomes BAD_USER_INPUT in GraphQL and exit code 2 in the
 * CLI; `suggestions` are the close matches (or the known names) the message lists.
 */
export class LineageInputError extends Error {
  constructor(
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
    this.name = 'LineageInputError';
  }
}
