import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPlace } from '../../src/core/json-error.js';

describe('where a text stops being JSON', () => {
  it('is named by line and column, without the text', () => {
    expect(jsonErrorPlace('[DB_PASSWORD=x')).toBe('line 1, column 2');
    expect(jsonErrorPlace('{"a": 1,,}')).toBe('line 1, column 9');
    expect(jsonErrorPlace('{"a":\n  tru}')).toBe('line 2, column 3');
    expect(jsonErrorPlace('{"sprints": [}')).toBe('line 1, column 14');
    expect(jsonErrorPlace('[1,2] x')).toBe('line 1, column 7');
  });

  it('finds a fault in any text JSON.parse refuses, and none past its end', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), fc.nat(20), fc.string({ maxLength: 3 }), (json, cut, junk) => {
        const text = json.slice(0, Math.max(0, json.length - cut)) + junk;
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) return;
        const [, line, column] = /^line (\d+), column (\d+)$/.exec(jsonErrorPlace(text))!.map(Number);
        const lines = text.split('\n');
        expect(line).toBeLessThanOrEqual(lines.length);
        expect(column).toBeLessThanOrEqual(lines[line! - 1]!.length + 1);
      }),
    );
  });
});
