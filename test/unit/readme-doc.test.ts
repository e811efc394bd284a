import { describe, expect, it } from 'vitest';
import { Bindings, consoleBlocks } from '../helpers/readme-doc.js';

/** The README session checker must be able to fail, and bind what it should. */
describe('the README session matcher', () => {
  it('reads commands, continuations and their output', () => {
    const [block] = consoleBlocks('x\n```console\n$ echo a \\\n  b\na b\n\n$ true\n```\n');
    expect(block!.commands).toEqual([
      { command: 'echo a \\\n  b', expected: 'a b', line: 3 },
      { command: 'true', expected: '', line: 7 },
    ]);
  });

  it('binds SIDs and codes on first sight, and fails on anything else that differs', () => {
    const b = new Bindings(false);
    expect(b.match('{"sid":"VA00000000000000000000000000000001", …}', '{"sid":"VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","x":1}').ok).toBe(true);
    expect(b.apply('/Services/VA00000000000000000000000000000001')).toBe('/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(b.match('{"sid":"VA00000000000000000000000000000001"}', '{"sid":"VAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}').ok).toBe(false);
    expect(b.match('{"a":1,"b":2}', '{"a":1,"c":3,"b":2}').ok).toBe(false);
    expect(b.match('at 2026-01-01T00:00:00Z (1.5 ms) code 123456', 'at 2027-02-02T10:11:12.345Z (41.2 ms) code 654321').ok).toBe(true);
    expect(b.apply('Code=123456')).toBe('Code=654321');
    expect(b.match('one\n…\nfour', 'one\ntwo\nthree\nfour').ok).toBe(true);
    expect(b.match('one\n…\nfour', 'one\ntwo\nthree\nfive').ok).toBe(false);
  });

  it('holds seeded sessions to the printed SIDs', () => {
    const strict = new Bindings(true);
    expect(strict.match('"VA00000000000000000000000000000001"', '"VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"').ok).toBe(false);
    expect(strict.match('"VA00000000000000000000000000000001"', '"VA00000000000000000000000000000001"').ok).toBe(true);
  });
});
