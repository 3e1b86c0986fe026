/** Error hygiene (issue 6, item 8); see README.md. */
export { createErrorHygiene, type ErrorHygiene, type ErrorHygieneApolloOptions } from './error-hygiene';
export { readErrorHygieneConfig, type ErrorHygieneConfig } from './error-config';
export { clientErrorFormatter, type ClientErrorFormatterOptions } from './client-error-formatter';
export { FetchedAnswerGuard, type FetchedAnswerGuardOptions } from './fetched-answer-guard';
export { SATU_SCALAR_CHECKS, type ScalarCheck } from './fetched-value-check';
export { valueCompletionPlugin } from './value-completion.plugin';
export { agencyMessage, internalErrorMessage, isClientCode } from './client-codes';
export { scrubClientText } from './client-text';
