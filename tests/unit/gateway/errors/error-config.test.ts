import { ConfigError } from '../../../../gateway/config';
import { readErrorHygieneConfig } from '../../../../gateway/errors/error-config';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readErrorHygieneConfig', () => {
  it('defaults: no debug anywhere; suggestions in development only', () => {
    expect(readErrorHygieneConfig('development', {})).toEqual({ debugErrors: false, fieldSuggestions: true });
    expect(readErrorHygieneConfig('production', {})).toEqual({ debugErrors: false, fieldSuggestions: false });
  });

  it('turns debug on and suggestions off in development when asked', () => {
    expect(readErrorHygieneConfig('development', { SATU_DEBUG_ERRORS: 'true', SATU_FIELD_SUGGESTIONS: 'off' })).toEqual({ debugErrors: true, fieldSuggestions: false });
    expect(readErrorHygieneConfig('production', { SATU_DEBUG_ERRORS: 'false', SATU_FIELD_SUGGESTIONS: 'off' })).toEqual({ debugErrors: false, fieldSuggestions: false });
  });

  it('refuses debug errors and suggestions in production mode, naming both', () => {
    expect(problemsOf(() => readErrorHygieneConfig('production', { SATU_DEBUG_ERRORS: 'true', SATU_FIELD_SUGGESTIONS: 'on' }))).toEqual([
      expect.stringMatching(/^SATU_DEBUG_ERRORS=true is refused in production mode/),
      expect.stringMatching(/^SATU_FIELD_SUGGESTIONS=on is refused in production mode/),
    ]);
  });

  it('names a value that is not a switch', () => {
    expect(problemsOf(() => readErrorHygieneConfig('development', { SATU_DEBUG_ERRORS: 'yes please' }))).toEqual(['SATU_DEBUG_ERRORS must be true or false, got "yes please"']);
  });
});
