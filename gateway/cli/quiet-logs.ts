/**
 * Imported first by CLIs that print for people (`npm start`): module-level loggers are
 * created at import time, so the default level must be set before any other import.
 * Warnings and errors still show; SATU_LOG_LEVEL=info brings the rest back.
 */
process.env.SATU_LOG_LEVEL ??= 'warn';

export {};
