import { DEFAULT_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS, type GatewayContextRequirement } from './gateway-context';
import { GatewayContextKeyError, readGatewayPublicKeys } from './gateway-context-keys';

/**
 * Whether a subgraph run on its own (`npm run subgraph`) requires the gateway context, from the
 * environment. Required unless switched off explicitly: a subgraph that forgot its key would
 * otherwise answer anybody on the network.
 *
 * - SATU_GATEWAY_PUBLIC_KEY_FILE: the gateway's public key (PEM, JWK or JWKS).
 * - SATU_SUBGRAPH_CONTEXT=off: accept calls without a context (local work only; refused in production mode).
 * - SATU_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS: slack for clocks of different hosts, 0-60, default 5.
 */
export type SubgraphContextSetting =
  | { required: true; requirement: GatewayContextRequirement; publicKeyFile: string }
  | { required: false; warning: string };

/** Printed at start when SATU_SUBGRAPH_CONTEXT=off. */
export const SUBGRAPH_CONTEXT_OFF_WARNING = [
  '!!! GATEWAY CONTEXT CHECK IS OFF (SATU_SUBGRAPH_CONTEXT=off) !!!',
  '!!! This subgraph answers anybody who can reach its port, bypassing the gateway\'s access control,',
  '!!! purpose checks and access ledger. For local work only; refused in production mode. Set',
  '!!! SATU_GATEWAY_PUBLIC_KEY_FILE to the gateway\'s public key and unset SATU_SUBGRAPH_CONTEXT.',
].join('\n');

export class SubgraphContextConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid gateway context configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SubgraphContextConfigError';
  }
}

function isProduction(env: NodeJS.ProcessEnv): boolean {
  return env.SATU_MODE?.trim() === 'production' || env.NODE_ENV?.trim() === 'production';
}

function readTolerance(env: NodeJS.ProcessEnv, problems: string[]): number {
  const name = 'SATU_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS';
  const raw = env[name]?.trim();
  if (!raw) return DEFAULT_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS;
  if (!/^\d+$/.test(raw) || Number(raw) > 60) {
    problems.push(`${name} must be a whole number of seconds from 0 to 60, got "${raw}"`);
    return DEFAULT_GATEWAY_CONTEXT_CLOCK_TOLERANCE_SECONDS;
  }
  return Number(raw);
}

export async function readSubgraphContextSetting(env: NodeJS.ProcessEnv = process.env): Promise<SubgraphContextSetting> {
  const problems: string[] = [];
  const switchRaw = env.SATU_SUBGRAPH_CONTEXT?.trim().toLowerCase();
  const publicKeyFile = env.SATU_GATEWAY_PUBLIC_KEY_FILE?.trim() || undefined;
  const clockToleranceSeconds = readTolerance(env, problems);
  let off = false;
  if (switchRaw === 'off') off = true;
  else if (switchRaw && switchRaw !== 'on') problems.push(`SATU_SUBGRAPH_CONTEXT must be "on" or "off", got "${env.SATU_SUBGRAPH_CONTEXT}"`);
  if (off && isProduction(env)) problems.push('SATU_SUBGRAPH_CONTEXT=off is refused in production mode (SATU_MODE=production or NODE_ENV=production): set SATU_GATEWAY_PUBLIC_KEY_FILE instead');
  if (off && publicKeyFile) problems.push('SATU_SUBGRAPH_CONTEXT=off and SATU_GATEWAY_PUBLIC_KEY_FILE are both set: unset one of them');
  if (!off && !publicKeyFile && problems.length === 0) {
    problems.push(
      "SATU_GATEWAY_PUBLIC_KEY_FILE is not set: a subgraph refuses calls that do not come through the gateway, and needs the gateway's public key to tell " +
        '(npm start writes it to <data>/context-signing/gateway-context.pub.pem). For local work only, SATU_SUBGRAPH_CONTEXT=off accepts every call.',
    );
  }
  if (problems.length > 0) throw new SubgraphContextConfigError(problems);
  if (off) return { required: false, warning: SUBGRAPH_CONTEXT_OFF_WARNING };
  try {
    const keys = await readGatewayPublicKeys(publicKeyFile!);
    return { required: true, requirement: { keys, clockToleranceSeconds }, publicKeyFile: publicKeyFile! };
  } catch (error) {
    if (error instanceof GatewayContextKeyError) throw new SubgraphContextConfigError([error.message]);
    throw error;
  }
}
