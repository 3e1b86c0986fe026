/**
 * What can go wrong in the registry, one code each, so the CLI maps each to an exit code and
 * every message says what is wrong and what to do.
 */
export type RegistryErrorCode =
  /** The caller's input is unusable: SDL that does not parse, a bad URL, an unknown subgraph, a file too large. */
  | 'BAD_INPUT'
  /** The credential does not allow this publish. */
  | 'FORBIDDEN'
  /** Someone published in between: the check ran against a registry that has since moved on. */
  | 'STALE'
  /** The registry database could not be opened or migrated. */
  | 'UNAVAILABLE';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** The loser of two simultaneous publishes (or a publish based on an old check). */
export function staleRegistryError(detail: string): RegistryError {
  return new RegistryError('STALE', `the registry changed while this publish was being checked (${detail}); nothing was stored: run the check again and publish again`);
}
