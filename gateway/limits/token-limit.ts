import { Lexer, Source, TokenKind, getLocation, type ParseOptions, type SourceLocation } from 'graphql';

/**
 * The token limit is the parser's own (`parse(text, { maxTokens })`): it stops reading at
 * max + 1 tokens, before any syntax tree exists and before validation, whose rules can cost
 * more than linear time on hostile text (overlapping-field checks over thousands of aliases).
 * Apollo Server passes its `parseOptions` to that parse. An Apollo plugin cannot refuse
 * earlier: errors thrown by the hooks before parsing (requestDidStart, didResolveSource,
 * parsingDidStart) become a 500 "Internal server error". So the gateway sets the parse option,
 * and the limits plugin turns the parser's syntax error into QUERY_TOO_COMPLEX.
 */
export function limitsParseOptions(limits: { maxTokens: number }): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

/**
 * Tokens in a query text as the parser counts them (comments are not tokens), counting at most
 * `cap` + 1 so that measuring a hostile body costs no more than the limit allows. Text that does
 * not lex is counted up to its first lexical error.
 */
export function countTokens(text: string, cap: number): { count: number; capped: boolean } {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > cap) return { count, capped: true };
    }
  } catch {
    // a lexical error ends the count: everything before it was read
  }
  return { count, capped: false };
}

/**
 * Where the parser stops when a text has more than `maxTokens` tokens: the start of token
 * max + 1, which is where its syntax error points. A parse error elsewhere is a plain syntax
 * error (say, a missing brace before the limit), and is left as it is.
 */
export function tokenLimitLocation(text: string, maxTokens: number): SourceLocation | undefined {
  const source = new Source(text);
  const lexer = new Lexer(source);
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      count += 1;
      if (count > maxTokens) return getLocation(source, token.start);
    }
  } catch {
    // a lexical error before the limit: not a token-limit failure
  }
  return undefined;
}
