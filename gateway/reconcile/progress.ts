import { SingleBar } from 'cli-progress';

/**
 * Progress on stderr for the long-running tools (reconcile, crosscheck:eval): a cli-progress bar
 * on a terminal, plain lines at most every `intervalMs` otherwise (CI logs, pipes, files), each
 * with the rate since the start of this attempt.
 */
export interface Progress {
  start(total: number, done: number): void;
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** e.g. "reconcile". */
  label: string;
  /** e.g. "rows". */
  unit: string;
  /** A terminal to draw a bar on; absent or not a TTY: plain lines through `write`. */
  terminal?: NodeJS.WriteStream;
  write: (text: string) => void;
  /** @default 2000 */
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 2000;
  let total = 0;
  let first = 0;
  let last = 0;
  let startedAt = 0;
  let lastPrinted = -Infinity;
  let lastPrintedValue = -1;
  let bar: SingleBar | undefined;

  const rate = (done: number): string => {
    const seconds = (now() - startedAt) / 1000;
    return seconds > 0 ? ((done - first) / seconds).toFixed(0) : '0';
  };
  const line = (done: number): string => {
    const percent = total > 0 ? ` (${Math.min(100, Math.floor((done / total) * 100))}%)` : '';
    return `${options.label}: ${done}/${total} ${options.unit}${percent}, ${rate(done)} ${options.unit}/s\n`;
  };

  return {
    start(newTotal, done) {
      total = Math.max(newTotal, done);
      first = done;
      last = done;
      startedAt = now();
      if (options.terminal?.isTTY) {
        bar = new SingleBar({
          stream: options.terminal,
          format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {speed} ${options.unit}/s | ETA {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        });
        bar.start(total, done, { speed: '0' });
      } else {
        options.write(line(done));
        lastPrinted = now();
        lastPrintedValue = done;
      }
    },
    update(done) {
      last = done;
      if (done > total) total = done;
      if (bar) {
        bar.setTotal(total);
        bar.update(done, { speed: rate(done) });
        return;
      }
      if (now() - lastPrinted >= intervalMs) {
        options.write(line(done));
        lastPrinted = now();
        lastPrintedValue = done;
      }
    },
    stop() {
      if (bar) {
        bar.update(last, { speed: rate(last) });
        bar.stop();
        bar = undefined;
      } else if (startedAt !== 0 && last !== lastPrintedValue) {
        options.write(line(last));
      }
      startedAt = 0;
    },
  };
}
