import { parsePromQL, PromQLSyntaxError } from '../../lib/promql';

/** Parses `expr`, expecting a PromQLSyntaxError, and returns it. */
function syntaxError(expr: string): PromQLSyntaxError {
  try {
    parsePromQL(expr);
  } catch (e) {
    if (e instanceof PromQLSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(expr)}`);
}

describe('parsePromQL syntax errors', () => {
  it.each([
    // [expression, message, 0-based position]
    ['rate(foo[5m]', 'syntax error at line 1, column 13: unexpected end of input', 12],
    ['sum by (le rate(x[5m]))', 'syntax error at line 1, column 12: unexpected "rate"', 11],
    ['foo{bar="baz"', 'syntax error at line 1, column 14: unexpected end of input', 13],
    ['up == ', 'syntax error at line 1, column 7: unexpected end of input', 6],
    ['sum(rate(x[5m]))}', 'syntax error at line 1, column 17: unexpected "}"', 16],
    ['rate(y[5m)', 'syntax error at line 1, column 10: unexpected ")"', 9],
    ['x{a=b}', 'syntax error at line 1, column 5: unexpected "b"', 4],
    ['up{job="a",,}', 'syntax error at line 1, column 12: unexpected ","', 11],
    ['foo bar', 'syntax error at line 1, column 5: unexpected "bar"', 4],
    ['foo{bar="baz}', 'syntax error at line 1, column 9: unterminated quoted string', 8],
    ['foo(x)', 'syntax error at line 1, column 1: unknown function "foo"', 0],
    ['up == my_func(x)', 'syntax error at line 1, column 7: unknown function "my_func"', 6],
    ['x offset 5m (y)', 'syntax error at line 1, column 13: unexpected "("', 12],
    ['sum(rate(x[5m])) / $foo', 'syntax error at line 1, column 20: unexpected template variable "$foo"', 19],
    ['{}', 'syntax error at line 1, column 1: vector selector must contain at least one non-empty matcher', 0],
    ['{job=""}', 'syntax error at line 1, column 1: vector selector must contain at least one non-empty matcher', 0],
    ['(x)[5m]', 'syntax error at line 1, column 1: ranges only allowed for vector selectors', 0],
    ['x{__name__="y"}', 'syntax error at line 1, column 3: metric name must not be set twice: "x" or "y"', 2],
    // A regex matcher Prometheus's RE2 would not compile: Prometheus refuses the rule file (Go's messages).
    ['x{a=~"(a)\\\\1"}', 'syntax error at line 1, column 6: invalid regular expression in matcher a=~"(a)\\\\1": invalid escape sequence: `\\1`', 5],
    ['up{job=~"("} == 0', 'syntax error at line 1, column 9: invalid regular expression in matcher job=~"(": missing closing ): `(`', 8],
    ['x{a!~"*"}', 'syntax error at line 1, column 6: invalid regular expression in matcher a!~"*": missing argument to repetition operator: `*`', 5],
    ['x{a="b", c=~"[a-"}', 'syntax error at line 1, column 13: invalid regular expression in matcher c=~"[a-": missing closing ]: `[a-`', 12],
    ['x{a=~"a\\\\"}', 'syntax error at line 1, column 6: invalid regular expression in matcher a=~"a\\\\": trailing backslash at end of expression', 5],
    ['x{a=~"a(?=b)"}', 'syntax error at line 1, column 6: invalid regular expression in matcher a=~"a(?=b)": invalid or unsupported Perl syntax: `(?=`', 5],
    ['x{a=~"(?<!b)a"}', 'syntax error at line 1, column 6: invalid regular expression in matcher a=~"(?<!b)a": invalid named capture: `(?<!b)a`', 5],
  ])('%p', (expr, message, position) => {
    // GIVEN an invalid expression WHEN parsed THEN the error names the first problem and where it is
    const err = syntaxError(expr);
    expect(err.message).toBe(message);
    expect(err.position).toBe(position);
    expect(err.expr).toBe(expr);
  });

  it.each(['', '   ', '\n\t', '# only a comment'])('rejects the empty expression %p', (expr) => {
    // GIVEN an expression with nothing but whitespace or comments WHEN parsed THEN it is empty
    const err = syntaxError(expr);
    expect(err.message).toBe('syntax error at line 1, column 1: expression is empty');
    expect(err.detail).toBe('expression is empty');
  });

  it('locates an error on the second line', () => {
    // GIVEN a multi-line expression whose second line is cut short
    const err = syntaxError('sum(rate(x[5m]))\n  by (job) >');
    // THEN line and column point at the end of line 2
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('PromQLSyntaxError');
    expect(err.message).toBe('syntax error at line 2, column 13: unexpected end of input');
    expect([err.line, err.column, err.position]).toEqual([2, 13, 29]);
  });

  it('locates a wrong token in the middle of line 2', () => {
    // GIVEN a multi-line expression with an unclosed range on line 2
    const err = syntaxError('rate(x[5m])\n  / rate(y[5m)');
    // THEN the ")" on line 2 is reported
    expect(err.message).toBe('syntax error at line 2, column 14: unexpected ")"');
    expect([err.line, err.column]).toEqual([2, 14]);
  });

  it('reports positions in the original text when template variables were substituted', () => {
    // GIVEN a Grafana query with $__rate_interval followed by an error
    const expr = 'rate(x[$__rate_interval]) >';
    const err = syntaxError(expr);
    // THEN the position is the end of the original text
    expect(err.position).toBe(expr.length);
    expect(err.column).toBe(expr.length + 1);
  });
});
