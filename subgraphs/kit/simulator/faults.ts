/**
 * Latency and fault settings every legacy simulator takes (issue 2): a delay range,
 * an error rate, a hang rate and a malformed-answer rate, plus a "down" switch.
 * They can be given at start and changed at run time through the simulator's
 * control endpoint (`POST /__control/faults`), which is how tests flip an agency.
 */
export interface FaultSettings {
  /** Each answer waits a uniform random time in [delayMinMs, delayMaxMs]. */
  delayMinMs: number;
  delayMaxMs: number;
  /** Share of calls answered with a server error (HTTP 500 or a SOAP fault). */
  errorRate: number;
  /** Share of calls that never get an answer (the socket stays open). */
  hangRate: number;
  /** Share of calls answered with a body the client cannot read. */
  malformedRate: number;
}

export const NO_FAULTS: FaultSettings = { delayMinMs: 0, delayMaxMs: 0, errorRate: 0, hangRate: 0, malformedRate: 0 };

export type FaultDecision = 'answer' | 'error' | 'hang' | 'malformed';

export class FaultSettingsError extends Error {}

/** Validates a partial update; every field is checked and named in the error. */
export function mergeFaultSettings(current: FaultSettings, update: unknown): FaultSettings {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    throw new FaultSettingsError('fault settings must be a JSON object');
  }
  const next: FaultSettings = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (!(key in NO_FAULTS)) throw new FaultSettingsError(`unknown fault setting "${key}"; known: ${Object.keys(NO_FAULTS).join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new FaultSettingsError(`fault setting "${key}" must be a number >= 0`);
    }
    if (key.endsWith('Rate') && value > 1) throw new FaultSettingsError(`fault setting "${key}" is a share between 0 and 1`);
    next[key as keyof FaultSettings] = value;
  }
  if (next.delayMaxMs < next.delayMinMs) next.delayMaxMs = next.delayMinMs;
  return next;
}

/** Reads SATU_SIM_DELAY_MS ("40" or "20-60"), SATU_SIM_ERROR_RATE, SATU_SIM_HANG_RATE, SATU_SIM_MALFORMED_RATE. */
export function faultSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  const update: Record<string, number> = {};
  const delay = env.SATU_SIM_DELAY_MS;
  if (delay) {
    const [min, max] = delay.split('-').map(Number);
    if (min === undefined || !Number.isFinite(min)) throw new FaultSettingsError(`SATU_SIM_DELAY_MS must be "N" or "MIN-MAX" in ms, got "${delay}"`);
    update.delayMinMs = min;
    update.delayMaxMs = max !== undefined && Number.isFinite(max) ? max : min;
  }
  const rates: Array<[string, keyof FaultSettings]> = [
    ['SATU_SIM_ERROR_RATE', 'errorRate'],
    ['SATU_SIM_HANG_RATE', 'hangRate'],
    ['SATU_SIM_MALFORMED_RATE', 'malformedRate'],
  ];
  for (const [name, key] of rates) {
    const value = env[name];
    if (value !== undefined && value !== '') update[key] = Number(value);
  }
  try {
    return mergeFaultSettings(NO_FAULTS, update);
  } catch (error) {
    throw new FaultSettingsError(`simulator settings from the environment: ${(error as Error).message}`);
  }
}

/** Decides each call's fate. `random` is injectable so tests can be exact. */
export class FaultInjector {
  private settings: FaultSettings;

  constructor(
    settings: Partial<FaultSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.settings = mergeFaultSettings(NO_FAULTS, settings);
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  update(partial: unknown): FaultSettings {
    this.settings = mergeFaultSettings(this.settings, partial);
    return this.current;
  }

  decide(): FaultDecision {
    const roll = this.random();
    const { hangRate, errorRate, malformedRate } = this.settings;
    if (roll < hangRate) return 'hang';
    if (roll < hangRate + errorRate) return 'error';
    if (roll < hangRate + errorRate + malformedRate) return 'malformed';
    return 'answer';
  }

  delayMs(): number {
    const { delayMinMs, delayMaxMs } = this.settings;
    return delayMinMs + (delayMaxMs - delayMinMs) * this.random();
  }

  async delay(): Promise<void> {
    const ms = this.delayMs();
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
