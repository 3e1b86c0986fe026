import type { SiakCredentialsBody } from './siak.wire';

/** Subgraph name (DESIGN.md section 2), also `extensions.agency` in errors. */
export const DUKCAPIL = 'dukcapil';
/** The legacy system, as written in `@source(system:)`. */
export const SIAK = 'SIAK';

/**
 * Demo credentials shared by the simulator and the adapter. The real SIAK issues a
 * user per partner institution and checks the caller's IP; override with the
 * environment variables below, which both sides read.
 */
export const DEMO_CREDENTIALS: SiakCredentialsBody = {
  user_id: 'satu-mpp-pekanbaru',
  password: 'demo-siak-2019',
  ip_user: '127.0.0.1',
};

export const CREDENTIAL_ENV = {
  user_id: 'SATU_DUKCAPIL_USER',
  password: 'SATU_DUKCAPIL_PASSWORD',
  ip_user: 'SATU_DUKCAPIL_IP_USER',
} as const;

/** Reads the credentials from the environment (demo defaults otherwise); an empty value is refused by name. */
export function siakCredentials(env: NodeJS.ProcessEnv = process.env): SiakCredentialsBody {
  const credentials = { ...DEMO_CREDENTIALS };
  for (const key of Object.keys(CREDENTIAL_ENV) as Array<keyof typeof CREDENTIAL_ENV>) {
    const value = env[CREDENTIAL_ENV[key]];
    if (value === undefined) continue;
    if (value.trim() === '') {
      throw new Error(`${CREDENTIAL_ENV[key]} is set but empty; unset it to use the demo value or give the SIAK ${key}`);
    }
    credentials[key] = value;
  }
  return credentials;
}
