/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits 0; a second signal or a stop that
 * takes longer than `forceAfterMs` exits at once (exit code 1) so Ctrl-C never hangs.
 */
export function onShutdownSignal(stop: () => Promise<void>, forceAfterMs = 15_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`satu: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`satu: ${signal} received, draining in-flight requests...\n`);
    setTimeout(() => {
      process.stderr.write('satu: shutdown took too long, exiting\n');
      process.exit(1);
    }, forceAfterMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`satu: error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
