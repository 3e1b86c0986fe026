import pino, { type DestinationStream, type Logger } from 'pino';
import { maskNikRunsInJsonLine } from './nik-mask';
import { currentRequestId } from './request-scope';

/**
 * A destination that masks every NIK-like run (16 or more digits) in each finished JSON line
 * before it is written. Masking the serialized line, rather than chosen fields, covers the
 * message, every nested field, child bindings and error stacks alike: no code path can log a
 * raw NIK by forgetting to call maskNik(). Lines without such a run cost one regex test.
 */
export function nikMaskingDestination(target: DestinationStream): DestinationStream {
  const masked: DestinationStream & { flushSync?: () => void; flush?: (callback?: (error?: Error) => void) => void } = {
    write: (line: string) => target.write(maskNikRunsInJsonLine(line)),
  };
  const flushable = target as { flushSync?: () => void; flush?: (callback?: (error?: Error) => void) => void };
  if (typeof flushable.flushSync === 'function') masked.flushSync = () => flushable.flushSync!();
  if (typeof flushable.flush === 'function') masked.flush = (callback) => flushable.flush!(callback);
  return masked;
}

let sharedStdout: DestinationStream | undefined;

/** One masked stdout for every logger of the process (each pino() would otherwise open its own). */
function maskedStdout(): DestinationStream {
  sharedStdout ??= nikMaskingDestination(pino.destination({ dest: 1, sync: false }));
  return sharedStdout;
}

/** The request id of the request being served, on every line logged while serving it. */
function requestIdMixin(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId === undefined ? {} : { requestId };
}

export interface LoggerOptions {
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
  /** @default SATU_LOG_LEVEL, else "info" ("silent" under jest) */
  level?: string;
}

/**
 * One JSON line per event (DESIGN.md section 6), NIKs masked (`1471********0001`) on every
 * line, and `requestId` on every line logged while a request is served (see ./request-scope).
 * Level from SATU_LOG_LEVEL; jest runs silent unless asked. Still: log no personal data on
 * purpose (names, addresses, values of records); the masking is a safety net for NIKs only.
 */
export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.SATU_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  const destination = options.destination ? nikMaskingDestination(options.destination) : maskedStdout();
  return pino({ level, base: { component }, timestamp: pino.stdTimeFunctions.isoTime, mixin: requestIdMixin }, destination);
}
