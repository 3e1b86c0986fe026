import type { Logger } from 'pino';
import { createLogger } from '../../../../subgraphs/kit/logger';

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, parsed. */
  entries(): Array<Record<string, unknown>>;
  /** Every line written so far, as written. */
  text(): string;
}

/** A real Satu logger (masking, request ids) writing into memory. */
export function captureLog(component = 'test'): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger(component, { level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return {
    logger,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
