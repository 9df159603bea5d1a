import { describe, expect, it } from 'vitest';
import { formatEstimate, formatSeconds, hoursArg, parseDuration } from '../../src/domain/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90m', 1.5, 1.5],
    ['2h', 2, 2],
    ['1.5h', 1.5, 1.5],
    ['2h30m', 2.5, 2.5],
    ['2h 30m', 2.5, 2.5],
    ['2-3h', 2, 3],
    ['10-13 hours', 10, 13],
    ['30m-1h', 0.5, 1],
    ['3', 3, 3],
  ])('reads %s', (text, low, high) => {
    expect(parseDuration(text)).toEqual({ low_hours: low, high_hours: high });
  });

  it.each(['', 'soon', '3-2h', '2x', '2h-', 'h'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('writes estimates the way they are typed, and reads them back', () => {
    for (const text of ['2h', '45m', '2-3h', '1-1.25h']) {
      expect(formatEstimate(parseDuration(text))).toBe(text);
    }
    expect(formatEstimate(null)).toBe('none');
  });

  it('writes elapsed time short', () => {
    expect(formatSeconds(30)).toBe('30s');
    expect(formatSeconds(45 * 60)).toBe('45m');
    expect(formatSeconds(75 * 60)).toBe('1h 15m');
    expect(formatSeconds(2 * 3600)).toBe('2h');
  });

  it('offers a new estimate parseDuration accepts', () => {
    expect(hoursArg(2.4)).toBe('2.5h');
    expect(hoursArg(0.3)).toBe('18m');
    expect(parseDuration(hoursArg(0.01))).toEqual({ low_hours: 0.0167, high_hours: 0.0167 });
  });
});
