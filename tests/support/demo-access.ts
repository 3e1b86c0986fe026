import pino from 'pino';
import type { Role } from '../../gateway/access/caller';
import { developmentGatewayAccess } from '../../gateway/access/gateway-access';
import type { RunningDemo } from '../../gateway/demo/start-demo';
import type { GatewayAccess } from '../../gateway/server';

/**
 * The headers a client of the demo sends: a demo token of `role` (access control is on in the
 * demo, as in `npm start`) and a purpose. `counter-service` lets the whole citizen record through;
 * tests about purposes pass another.
 */
export function demoAuthHeaders(demo: Pick<RunningDemo, 'access'>, role: Role = 'frontend', purpose: string | null = 'counter-service'): Record<string, string> {
  const token = demo.access.control.demo?.tokens.find((candidate) => candidate.role === role)?.token;
  if (!token) throw new Error(`the demo has no ${role} token: is access control on with demo keys?`);
  return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-satu-purpose': purpose } : {}) };
}

/** Access control explicitly off, for a gateway started by a test about something else. */
export function accessOffForTests(dataDir: string): Promise<GatewayAccess> {
  return developmentGatewayAccess({ dataDir, logger: pino({ level: 'silent' }), env: { ...process.env, SATU_MODE: 'development', NODE_ENV: 'test' } });
}
