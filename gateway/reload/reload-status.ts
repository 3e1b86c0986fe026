/**
 * What `/readyz` says about the supergraph the gateway serves and about following the registry.
 * `registry` is null when the gateway serves a static file and does not follow a registry.
 */
export interface ReloadStatus {
  /** Where the served supergraph came from: the registry, the last-good file, or a static file (fresh install or --supergraph). */
  source: 'registry' | 'last-good' | 'file';
  /** The registry's supergraph sequence; null for a static file. */
  sequence: number | null;
  /** SHA-256 (hex) of the served supergraph SDL. */
  hash: string;
  loadedAt: string;
  /**
   * False only when the registry's current supergraph failed verification at start and there was
   * nothing better to serve (see README "Live reload"); it is re-verified until it passes.
   */
  verified: boolean;
  registry: { reachable: boolean; lastError: string | null; checkedAt: string | null } | null;
  /** The latest supergraph this gateway refused to switch to, and why; cleared once a supergraph at least as new is served. */
  lastRefused: { sequence: number; hash: string; reason: string; at: string } | null;
}
