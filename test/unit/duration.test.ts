import { describe, expect, it } from 'vitest';
import { estimateArg } from '../../src/core/plan.js';
import { formatEstimate, formatRatio, formatSeconds, hoursArg, parseDuration } from '../../src/domain/duration.js';

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

  it('one rounding rule: whole units passed, never rounded up; seconds while under ten minutes', () => {
    expect(formatSeconds(110)).toBe('1m 50s');
    expect(formatSeconds(59.9)).toBe('59s');
    expect(formatSeconds(12 * 60 + 59)).toBe('12m');
    expect(formatSeconds(3599.9)).toBe('59m');
  });

  it('writes a ratio with the digits it needs: a small one is not 0.0×', () => {
    expect(formatRatio(110 / 4050)).toBe('0.027×');
    expect(formatRatio(0.5)).toBe('0.5×');
    expect(formatRatio(1.83)).toBe('1.8×');
  });

  it('offers a new estimate parseDuration accepts', () => {
    expect(hoursArg(2.4)).toBe('2.5h');
    expect(hoursArg(0.3)).toBe('18m');
    expect(parseDuration(hoursArg(0.01))).toEqual({ low_hours: 0.0167, high_hours: 0.0167 });
  });
});

describe('duration arguments', () => {
  it('go from 1 minute to 1,000 hours, and the error says so', () => {
    expect(estimateArg('1m', 8)).toEqual({ low_hours: 0.0167, high_hours: 0.0167 });
    expect(estimateArg('1000h', 8)).toEqual({ low_hours: 1000, high_hours: 1000 });
    for (const text of ['99999h', '9999999999999999h', '0.0001h', '0h', '0-2h', '1-1001h']) {
      expect(() => estimateArg(text, 8), text).toThrow(/durations go from 1 minute to 1,000 hours/);
    }
    expect(() => estimateArg('99999h', 8)).toThrow('"99999h" is over the 1,000 hours maximum');
    expect(() => estimateArg('0.0001h', 8)).toThrow('"0.0001h" is under the 1 minute minimum');
  });

  it('refuse what is not a duration with the forms and the limits, seconds too', () => {
    expect(() => estimateArg('1s', 8)).toThrow(/"1s" is not a duration\. .*a bare number is hours, 1d is 8h.*from 1 minute to 1,000 hours/);
  });

  it('read a bare number as hours and a day as the config’s hours_per_day', () => {
    expect(estimateArg('3', 8)).toEqual({ low_hours: 3, high_hours: 3 });
    expect(estimateArg('2d', 6)).toEqual({ low_hours: 12, high_hours: 12 });
    expect(estimateArg('1-2d', 8)).toEqual({ low_hours: 8, high_hours: 16 });
    expect(parseDuration('1d')).toEqual({ low_hours: 8, high_hours: 8 });
  });
});
