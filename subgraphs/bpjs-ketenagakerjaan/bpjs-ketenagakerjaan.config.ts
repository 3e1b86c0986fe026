import type { SippTkCredentials } from './sipp-tk.wire';

/** Subgraph name (DESIGN.md section 2), also `extensions.agency` in errors. */
export const AGENCY = 'bpjs-ketenagakerjaan';
/** The legacy system, as written in `@source(system:)`. */
export const SIPP_TK = 'SIPP-TK';

/**
 * Demo credentials, known to both the simulator and the subgraph so `npm start` works
 * out of the box. Not secrets: a real deployment sets the variables below.
 */
export const DEMO_CREDENTIALS: SippTkCredentials = Object.freeze({
  user: 'mpp-pekanbaru',
  password: 'satu-demo-sipptk-2024',
});

export const CREDENTIAL_ENV = {
  user: 'SATU_BPJS_KETENAGAKERJAAN_USER',
  password: 'SATU_BPJS_KETENAGAKERJAAN_PASSWORD',
} as const;

export class BpjsKetenagakerjaanConfigError extends Error {}

/**
 * SATU_BPJS_KETENAGAKERJAAN_USER / _PASSWORD (demo values when unset). Read by the subgraph
 * (it sends them) and the simulator (it accepts them). An empty value is refused by name.
 */
export function sippTkCredentials(env: NodeJS.ProcessEnv = process.env): SippTkCredentials {
  const credentials = { ...DEMO_CREDENTIALS };
  for (const key of Object.keys(CREDENTIAL_ENV) as Array<keyof typeof CREDENTIAL_ENV>) {
    const value = env[CREDENTIAL_ENV[key]];
    if (value === undefined) continue;
    if (value.trim() === '') {
      throw new BpjsKetenagakerjaanConfigError(`${CREDENTIAL_ENV[key]} is set but empty; unset it to use the demo value or give the SIPP-TK ${key}`);
    }
    if (key === 'user' && value.includes(':')) {
      // Basic auth splits user and password at the first colon.
      throw new BpjsKetenagakerjaanConfigError(`${CREDENTIAL_ENV.user} must not contain ":" (HTTP Basic separates user and password with it)`);
    }
    credentials[key] = value;
  }
  return credentials;
}
