/** The file is not a complete, well-formed export: never index it. */
export class ExportFormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportFormatError';
  }
}
