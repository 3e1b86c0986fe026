import pino, { type Logger } from 'pino';

/**
 * One JSON line per event (DESIGN.md section 6). Level from SATU_LOG_LEVEL; jest runs
 * silent unless asked. Never log a raw NIK: use maskNik() from ./nik.
 */
export function createLogger(component: string): Logger {
  const level = process.env.SATU_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime });
}
