import { describe, expect, it } from 'vitest';
import { duration, gpuHours, rangeText } from './units.ts';

describe('a range over seeds in words', () => {
  it('writes a shared unit once, keeps different units, and says nothing for one seed or no spread', () => {
    expect(rangeText({ min: 1.1 * 86_400, max: 1.4 * 86_400, seeds: 5 }, duration)).toBe('1.1–1.4 d');
    expect(rangeText({ min: 0, max: 4.1 * 3600, seeds: 5 }, duration)).toBe('0 s–4.1 h');
    expect(rangeText({ min: 1038, max: 2058, seeds: 5 }, gpuHours)).toBe('1,038–2,058');
    expect(rangeText({ min: 600, max: null, seeds: 5 }, duration)).toBe('10 min–never admitted');
    expect(rangeText({ min: 5, max: 5, seeds: 5 }, gpuHours)).toBe('');
    expect(rangeText({ min: 1, max: 9, seeds: 1 }, gpuHours)).toBe('');
  });
});
