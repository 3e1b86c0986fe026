/**
 * SIMKIM credentials (WS-Security UsernameToken, PasswordText). The demo's simulator and
 * subgraph read the same variables, so both sides agree by default; in production they
 * are the account SIMKIM issued to the mall.
 */
export interface SimkimCredentials {
  username: string;
  password: string;
}

export const DEFAULT_SIMKIM_CREDENTIALS: SimkimCredentials = { username: 'satu-mpp-pekanbaru', password: 'simkim-demo' };

/** Reads SATU_IMIGRASI_USERNAME and SATU_IMIGRASI_PASSWORD; an empty value is refused with a message naming it. */
export function simkimCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): SimkimCredentials {
  const username = env.SATU_IMIGRASI_USERNAME ?? DEFAULT_SIMKIM_CREDENTIALS.username;
  const password = env.SATU_IMIGRASI_PASSWORD ?? DEFAULT_SIMKIM_CREDENTIALS.password;
  if (username.trim() === '') throw new Error('SATU_IMIGRASI_USERNAME is set but empty; unset it for the demo account or give the SIMKIM user name');
  if (password === '') throw new Error('SATU_IMIGRASI_PASSWORD is set but empty; unset it for the demo account or give the SIMKIM password');
  return { username, password };
}
