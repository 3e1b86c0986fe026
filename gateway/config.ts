/**
 * The gateway's configuration: one typed object read from flags and the environment,
 * validated at start with one clear message per bad value (DESIGN.md section 6).
 * Flags win over the environment; the environment wins over defaults.
 */
export interface GatewayConfig {
  host: string;
  port: number;
  /** Time allowed for one fetch to an agency subgraph. */
  agencyTimeoutMs: number;
  /** Per-agency overrides, from SATU_AGENCY_TIMEOUTS="samsat=500,imigrasi=2000". */
  agencyTimeoutOverridesMs: Record<string, number>;
  maxBodyBytes: number;
  /** Refuse `@requiresConsistentIdentity` mutations also when the check is INCOMPLETE. */
  refuseOnIncompleteIdentity: boolean;
  /** SATU_DATABASE_URL: a postgres:// URL or a SQLite file path; unset = the caller's default. */
  databaseLocation?: string;
  /** SATU_REGISTRY_POLL_MS: how often a gateway that follows the registry asks it for a new supergraph. */
  registryPollMs: number;
}

export interface GatewayConfigInput {
  host?: string;
  port?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  port: 4000,
  agencyTimeoutMs: 3000,
  maxBodyBytes: 1024 * 1024,
  registryPollMs: 1000,
} as const;

function integer(raw: string | undefined, name: string, min: number, max: number, fallback: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function flag(raw: string | undefined, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === '') return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return false;
}

function parseOverrides(raw: string | undefined, problems: string[]): Record<string, number> {
  const overrides: Record<string, number> = {};
  if (!raw) return overrides;
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [name, value] = entry.split('=');
    if (!name || value === undefined || !/^[a-z][a-z0-9-]*$/.test(name)) {
      problems.push(`SATU_AGENCY_TIMEOUTS entries are "agency=milliseconds", got "${entry}"`);
      continue;
    }
    overrides[name] = integer(value, `SATU_AGENCY_TIMEOUTS for ${name}`, 1, 600_000, 0, problems);
  }
  return overrides;
}

export function readGatewayConfig(input: GatewayConfigInput = {}, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const problems: string[] = [];
  const host = input.host ?? env.HOST ?? GATEWAY_DEFAULTS.host;
  if (host.trim() === '') problems.push('host must not be empty');
  const config: GatewayConfig = {
    host,
    port: integer(input.port ?? env.PORT, 'port (--port or PORT)', 0, 65535, GATEWAY_DEFAULTS.port, problems),
    agencyTimeoutMs: integer(env.SATU_AGENCY_TIMEOUT_MS, 'SATU_AGENCY_TIMEOUT_MS', 1, 600_000, GATEWAY_DEFAULTS.agencyTimeoutMs, problems),
    agencyTimeoutOverridesMs: parseOverrides(env.SATU_AGENCY_TIMEOUTS, problems),
    maxBodyBytes: integer(env.SATU_MAX_BODY_BYTES, 'SATU_MAX_BODY_BYTES', 1024, 64 * 1024 * 1024, GATEWAY_DEFAULTS.maxBodyBytes, problems),
    refuseOnIncompleteIdentity: flag(env.SATU_REFUSE_ON_INCOMPLETE_IDENTITY, 'SATU_REFUSE_ON_INCOMPLETE_IDENTITY', problems),
    databaseLocation: env.SATU_DATABASE_URL || undefined,
    registryPollMs: integer(env.SATU_REGISTRY_POLL_MS, 'SATU_REGISTRY_POLL_MS', 50, 3_600_000, GATEWAY_DEFAULTS.registryPollMs, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
