import { Decimal, parseType, SqlValidationError } from '@tributary/core';
import {
  and3,
  createBuiltinRegistry,
  in3,
  isDistinctFrom,
  like,
  not3,
  or3,
  similarTo,
  translateJavaRegex,
} from '@tributary/sql';
import { describe, expect, it } from 'vitest';

const reg = createBuiltinRegistry();
/** Calls a function with argument types written as type strings. */
const call = (name: string, types: string[], args: unknown[]) => reg.invoke(name, types.map(parseType), args);
const S = 'STRING';

describe('three-valued logic', () => {
  it('AND/OR/NOT truth tables with NULL', () => {
    expect(and3(true, null)).toBeNull();
    expect(and3(false, null)).toBe(false);
    expect(or3(true, null)).toBe(true);
    expect(or3(false, null)).toBeNull();
    expect(not3(null)).toBeNull();
  });
  it('IS DISTINCT FROM and IN', () => {
    expect(isDistinctFrom(null, null)).toBe(false);
    expect(isDistinctFrom(1, null)).toBe(true);
    expect(isDistinctFrom(Decimal.of('1.0'), Decimal.of('1.00'))).toBe(false);
    expect(in3(2, [1, 2])).toBe(true);
    expect(in3(3, [1, null])).toBeNull();
    expect(in3(3, [1, 2])).toBe(false);
    expect(in3(null, [1])).toBeNull();
  });
});

describe('math', () => {
  it('ABS/MOD/SIGN keep the argument type', () => {
    expect(call('ABS', ['INT'], [-5])).toBe(5);
    expect(call('ABS', ['INT'], [-2147483648])).toBe(-2147483648);
    expect(call('ABS', ['BIGINT'], [-5n])).toBe(5n);
    expect(String(call('ABS', ['DECIMAL(3, 1)'], [Decimal.of('-1.5')]))).toBe('1.5');
    expect(call('MOD', ['INT', 'INT'], [-7, 3])).toBe(-1);
    expect(call('MOD', ['BIGINT', 'INT'], [10n, 4])).toBe(2);
    expect(reg.resolve('MOD', [parseType('BIGINT'), parseType('INT NOT NULL')]).returnType.toString()).toBe('INT');
    expect(call('SIGN', ['DOUBLE'], [-0.5])).toBe(-1);
    expect(call('MOD', ['INT', 'INT'], [null, 3])).toBeNull();
  });
  it('exponential and logarithms', () => {
    expect(call('POWER', ['INT', 'INT'], [2, 10])).toBe(1024);
    expect(call('SQRT', ['INT'], [16])).toBe(4);
    expect(call('LN', ['DOUBLE'], [Math.E])).toBe(1);
    expect(call('LOG10', ['INT'], [1000])).toBe(3);
    expect(call('LOG2', ['INT'], [8])).toBe(3);
    expect(call('LOG', ['INT', 'INT'], [2, 8])).toBeCloseTo(3, 12);
    expect(call('LOG', ['DOUBLE'], [1])).toBe(0);
    expect(call('EXP', ['INT'], [0])).toBe(1);
    expect(call('PI', [], [])).toBe(Math.PI);
    expect(call('DEGREES', ['DOUBLE'], [Math.PI])).toBe(180);
    expect(call('ATAN2', ['INT', 'INT'], [1, 1])).toBeCloseTo(Math.PI / 4, 15);
  });
  it('ROUND / TRUNCATE / FLOOR / CEIL', () => {
    expect(call('ROUND', ['DOUBLE', 'INT'], [1.005, 2])).toBe(1.01);
    expect(call('ROUND', ['DOUBLE'], [-2.5])).toBe(-3);
    expect(call('ROUND', ['INT', 'INT'], [1250, -2])).toBe(1300);
    expect(call('TRUNCATE', ['DOUBLE', 'INT'], [-1.789, 1])).toBe(-1.7);
    const rt = reg.resolve('ROUND', [parseType('DECIMAL(10, 4)'), parseType('INT')], [null, 2]).returnType;
    expect(rt.toString()).toBe('DECIMAL(9, 2)'); // 1 + 10 - 4 + 2
    expect(String(call('ROUND', ['DECIMAL(10, 4)', 'INT'], [Decimal.of('12.3450'), 2]))).toBe('12.35');
    expect(String(call('TRUNCATE', ['DECIMAL(10, 4)', 'INT'], [Decimal.of('12.3459'), 2]))).toBe('12.34');
    expect(call('FLOOR', ['DOUBLE'], [-1.5])).toBe(-2);
    expect(String(call('CEIL', ['DECIMAL(5, 2)'], [Decimal.of('1.01')]))).toBe('2');
    expect(String(call('FLOOR', ['DECIMAL(5, 2)'], [Decimal.of('-1.01')]))).toBe('-2');
  });
  it('RAND with a seed repeats java.util.Random', () => {
    // new java.util.Random(42).nextDouble() == 0.7275636800328681
    expect(call('RAND', ['INT'], [42])).toBe(0.7275636800328681);
    // new java.util.Random(42).nextInt(10) == 0
    expect(call('RAND_INTEGER', ['INT', 'INT'], [42, 10])).toBe(0);
    const r = call('RAND', [], []) as number;
    expect(r >= 0 && r < 1).toBe(true);
    expect(reg.lookup('RAND')!.deterministic).toBe(false);
  });
});

describe('string functions', () => {
  it('basics', () => {
    expect(call('CHAR_LENGTH', [S], ['héllo'])).toBe(5);
    expect(call('UPPER', [S], ['abc'])).toBe('ABC');
    expect(reg.resolve('UPPER', [parseType('CHAR(3)')]).returnType.toString()).toBe('VARCHAR(3)');
    expect(call('POSITION', [S, S], ['lo', 'hello'])).toBe(4);
    expect(call('POSITION', [S, S], ['x', 'hello'])).toBe(0);
    expect(call('TRIM', [S], ['  a b  '])).toBe('a b');
    expect(call('TRIM', [S, S, S], ['xxaxx', 'LEADING', 'x'])).toBe('axx');
    expect(call('LTRIM', [S], ['  a '])).toBe('a ');
    expect(call('RTRIM', [S], ['  a '])).toBe('  a');
    expect(call('REPEAT', [S, 'INT'], ['ab', 3])).toBe('ababab');
    expect(call('REPEAT', [S, 'INT'], ['ab', -1])).toBe('');
    expect(call('REPLACE', [S, S, S], ['a.b.c', '.', '$'])).toBe('a$b$c');
    expect(call('OVERLAY', [S, S, 'INT', 'INT'], ['xxxxxtest', 'xxxx', 6, 4])).toBe('xxxxxxxxx');
    expect(call('OVERLAY', [S, S, 'INT'], ['abcdef', 'ZZ', 2])).toBe('aZZdef');
    expect(call('INITCAP', [S], ['hello wORLD-foo bar9x'])).toBe('Hello World-Foo Bar9x');
    expect(call('REVERSE', [S], ['abc'])).toBe('cba');
  });
  it('SUBSTRING with Flink bounds', () => {
    expect(call('SUBSTRING', [S, 'INT', 'INT'], ['hello', 2, 3])).toBe('ell');
    expect(call('SUBSTR', [S, 'INT'], ['hello', -3])).toBe('llo');
    expect(call('SUBSTRING', [S, 'INT'], ['hello', 0])).toBe('hello');
    expect(call('SUBSTRING', [S, 'INT', 'INT'], ['hello', 4, 10])).toBe('lo');
    expect(call('SUBSTRING', [S, 'INT'], ['hello', 9])).toBe('');
  });
  it('CONCAT is strict, CONCAT_WS skips NULLs', () => {
    expect(call('CONCAT', [S, S, S], ['a', 'b', 'c'])).toBe('abc');
    expect(call('CONCAT', [S, S], ['a', null])).toBeNull();
    expect(call('CONCAT_WS', [S, S, S, S], ['~', 'AA', null, 'BB'])).toBe('AA~BB');
    expect(call('CONCAT_WS', [S, S], [null, 'a'])).toBeNull();
  });
  it('LPAD / RPAD', () => {
    expect(call('LPAD', [S, 'INT', S], ['hi', 4, '??'])).toBe('??hi');
    expect(call('LPAD', [S, 'INT', S], ['hi', 1, '??'])).toBe('h');
    expect(call('LPAD', [S, 'INT', S], ['hi', 5, 'ab'])).toBe('abahi');
    expect(call('RPAD', [S, 'INT', S], ['hi', 5, 'ab'])).toBe('hiaba');
    expect(call('RPAD', [S, 'INT', S], ['hi', -1, 'ab'])).toBeNull();
  });
  it('encodings', () => {
    expect(call('TO_BASE64', [S], ['hello world'])).toBe('aGVsbG8gd29ybGQ=');
    expect(call('FROM_BASE64', [S], ['aGVsbG8gd29ybGQ='])).toBe('hello world');
    expect(call('ASCII', [S], ['abc'])).toBe(97);
    expect(call('ASCII', [S], [''])).toBe(0);
    expect(call('CHR', ['INT'], [97])).toBe('a');
    expect(call('CHR', ['INT'], [353])).toBe('a'); // 353 & 0xff = 97
    expect([...(call('ENCODE', [S, S], ['é', 'UTF-8']) as Uint8Array)]).toEqual([0xc3, 0xa9]);
    expect([...(call('ENCODE', [S, S], ['a', 'UTF-16BE']) as Uint8Array)]).toEqual([0, 0x61]);
    expect(call('DECODE', ['BYTES', S], [new Uint8Array([0xe9]), 'ISO-8859-1'])).toBe('é');
    expect(call('DECODE', ['BYTES', S], [new Uint8Array([0, 0x61]), 'UTF-16BE'])).toBe('a');
  });
  it('searching', () => {
    expect(call('INSTR', [S, S], ['hello', 'l'])).toBe(3);
    expect(call('LOCATE', [S, S], ['l', 'hello'])).toBe(3);
    expect(call('LOCATE', [S, S, 'INT'], ['l', 'hello', 4])).toBe(4);
    expect(call('LOCATE', [S, S, 'INT'], ['l', 'hello', 0])).toBe(0);
    expect(call('LEFT', [S, 'INT'], ['hello', 2])).toBe('he');
    expect(call('RIGHT', [S, 'INT'], ['hello', 2])).toBe('lo');
    expect(call('RIGHT', [S, 'INT'], ['hello', -1])).toBe('');
    expect(call('SPLIT_INDEX', [S, S, 'INT'], ['Jack,John,Mary', ',', 2])).toBe('Mary');
    expect(call('SPLIT_INDEX', [S, S, 'INT'], ['Jack,John,Mary', ',', 3])).toBeNull();
    expect(call('STR_TO_MAP', [S], ['a=1,b=2,c'])).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['c', null],
      ]),
    );
    expect(call('STR_TO_MAP', [S, S, S], ['a:1;b:2', ';', ':'])).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
  });
  it('regular expressions (Java syntax)', () => {
    expect(call('REGEXP', [S, S], ['foobar', 'o+b'])).toBe(true);
    expect(call('REGEXP', [S, S], ['foobar', '^o'])).toBe(false);
    expect(call('REGEXP_EXTRACT', [S, S, 'INT'], ['foothebar', 'foo(.*?)(bar)', 2])).toBe('bar');
    expect(call('REGEXP_EXTRACT', [S, S], ['foothebar', 'the'])).toBe('the');
    expect(call('REGEXP_EXTRACT', [S, S, 'INT'], ['foothebar', 'x(y)', 1])).toBeNull();
    expect(call('REGEXP_REPLACE', [S, S, S], ['foobar', 'oo|ar', ''])).toBe('fb');
    expect(call('REGEXP_REPLACE', [S, S, S], ['2024-01-02', '(\\d+)-(\\d+)-(\\d+)', '$3.$2.$1'])).toBe('02.01.2024');
    expect(call('REGEXP_REPLACE', [S, S, S], ['a1', '\\d', '\\$'])).toBe('a$');
    expect(call('REGEXP', [S, S], ['abc', '('])).toBeNull(); // invalid regex -> NULL
    expect(call('REGEXP', [S, S], ['ABC', '(?i)abc'])).toBe(true);
    expect(call('REGEXP', [S, S], ['a.b', '\\Qa.b\\E'])).toBe(true);
    expect(call('REGEXP', [S, S], ['axb', '\\Qa.b\\E'])).toBe(false);
    expect(call('REGEXP', [S, S], ['Ab1', '^\\p{Alpha}+\\p{Digit}$'])).toBe(true);
    expect(translateJavaRegex('a++b').source).toBe('a+b');
  });
  it('PARSE_URL', () => {
    const url = 'http://user@facebook.com:8080/path/p1.php?query=1&k2=v2#Ref1';
    expect(call('PARSE_URL', [S, S], [url, 'HOST'])).toBe('facebook.com');
    expect(call('PARSE_URL', [S, S], [url, 'PATH'])).toBe('/path/p1.php');
    expect(call('PARSE_URL', [S, S], [url, 'QUERY'])).toBe('query=1&k2=v2');
    expect(call('PARSE_URL', [S, S, S], [url, 'QUERY', 'k2'])).toBe('v2');
    expect(call('PARSE_URL', [S, S, S], [url, 'QUERY', 'zz'])).toBeNull();
    expect(call('PARSE_URL', [S, S], [url, 'REF'])).toBe('Ref1');
    expect(call('PARSE_URL', [S, S], [url, 'PROTOCOL'])).toBe('http');
    expect(call('PARSE_URL', [S, S], [url, 'FILE'])).toBe('/path/p1.php?query=1&k2=v2');
    expect(call('PARSE_URL', [S, S], [url, 'AUTHORITY'])).toBe('user@facebook.com:8080');
    expect(call('PARSE_URL', [S, S], [url, 'USERINFO'])).toBe('user');
    expect(call('PARSE_URL', [S, S], ['not a url', 'HOST'])).toBeNull();
  });
  it('LIKE and SIMILAR TO never treat user text as regex', () => {
    expect(like('abc', 'a%')).toBe(true);
    expect(like('abc', 'a_c')).toBe(true);
    expect(like('a.c', 'a.c')).toBe(true);
    expect(like('abc', 'a.c')).toBe(false);
    expect(like('a(b', 'a(%')).toBe(true);
    expect(like('50%', '50!%', '!')).toBe(true);
    expect(like('50x', '50!%', '!')).toBe(false);
    expect(like('a\nb', 'a%b')).toBe(true);
    expect(() => like('a', 'a!b', '!')).toThrow(/Invalid escape/);
    expect(similarTo('abc', 'a(b|x)c')).toBe(true);
    expect(similarTo('abbbc', 'ab+c')).toBe(true);
    expect(similarTo('a.c', 'a.c')).toBe(true);
    expect(similarTo('abc', 'a.c')).toBe(false);
    expect(similarTo('ad', '[a-c]%')).toBe(true);
  });
  it('IS_ALPHA / IS_DIGIT / IS_DECIMAL', () => {
    expect(call('IS_ALPHA', [S], ['abc'])).toBe(true);
    expect(call('IS_ALPHA', [S], ['ab1'])).toBe(false);
    expect(call('IS_DIGIT', [S], ['123'])).toBe(true);
    expect(call('IS_DIGIT', [S], [''])).toBe(false);
    expect(call('IS_DECIMAL', [S], ['-1.5e3'])).toBe(true);
    expect(call('IS_DECIMAL', [S], ['1.2.3'])).toBe(false);
  });
});

describe('conditional and hashing', () => {
  it('COALESCE / IFNULL / NULLIF / IF / GREATEST / LEAST', () => {
    expect(call('COALESCE', ['INT', 'INT', 'INT'], [null, null, 3])).toBe(3);
    expect(reg.resolve('COALESCE', [parseType('INT'), parseType('BIGINT NOT NULL')]).returnType.toString()).toBe(
      'BIGINT NOT NULL',
    );
    expect(call('IFNULL', ['INT', 'INT'], [null, 5])).toBe(5);
    expect(call('NULLIF', ['INT', 'INT'], [5, 5])).toBeNull();
    expect(call('NULLIF', ['INT', 'INT'], [5, 6])).toBe(5);
    expect(call('IF', ['BOOLEAN', 'INT', 'INT'], [null, 1, 2])).toBe(2);
    expect(call('GREATEST', ['INT', 'INT', 'INT'], [1, 7, 3])).toBe(7);
    expect(call('LEAST', [S, S], ['b', 'a'])).toBe('a');
    expect(call('GREATEST', ['INT', 'INT'], [1, null])).toBeNull();
    expect(() => reg.resolve('GREATEST', [parseType('INT'), parseType('STRING')])).toThrow(SqlValidationError);
  });
  it('hashes hex-encoded', () => {
    expect(call('MD5', [S], [''])).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(call('SHA1', [S], ['abc'])).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('SHA256', [S], ['abc'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(call('SHA2', [S, 'INT'], ['abc', 224])).toBe('23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
    expect(call('SHA2', [S, 'INT'], ['abc', 100])).toBeNull();
  });
});

describe('registry resolution', () => {
  it('suggests close names and lists signatures', () => {
    expect(() => reg.resolve('SUBSTRNG', [])).toThrow(/Did you mean 'SUBSTRING'/);
    expect(() => reg.resolve('UPPER', [parseType('INT')])).toThrow(/Invalid function call:\nUPPER\(INT\)/);
  });
  it('derives nullability of strict functions', () => {
    expect(reg.resolve('UPPER', [parseType('STRING NOT NULL')]).returnType.toString()).toBe('STRING NOT NULL');
    expect(reg.resolve('CHAR_LENGTH', [parseType('STRING')]).returnType.toString()).toBe('INT');
    expect(reg.resolve('CHAR_LENGTH', [parseType('STRING NOT NULL')]).returnType.toString()).toBe('INT NOT NULL');
  });
});
