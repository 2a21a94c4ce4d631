import { describe, expect, it } from 'vitest';
import { discreteText, parseDiscreteText } from './demand-text.ts';

describe('GPUs per pod typed as value:weight pairs', () => {
  it('shows weights as shares of their sum and reads them back', () => {
    expect(discreteText({ 4: 0.25, 1: 0.3, 2: 0.2, 8: 0.25 })).toBe('1:30 2:20 4:25 8:25');
    expect(parseDiscreteText('1:30 2:20, 4:25;8:25%')).toEqual({ ok: true, value: { 1: 30, 2: 20, 4: 25, 8: 25 } });
    expect(parseDiscreteText('8')).toEqual({ ok: true, value: { 8: 1 } });
  });

  it('refuses what it cannot read, naming the part', () => {
    expect(parseDiscreteText('')).toMatchObject({ ok: false, reason: expect.stringMatching(/at least one/) });
    expect(parseDiscreteText('1:30 x')).toMatchObject({ ok: false, reason: expect.stringMatching(/"x"/) });
    expect(parseDiscreteText('0:10')).toMatchObject({ ok: false, reason: expect.stringMatching(/1 to 9999/) });
    expect(parseDiscreteText('2:1 2:3')).toMatchObject({ ok: false, reason: expect.stringMatching(/twice/) });
    expect(parseDiscreteText('1:0 2:0')).toMatchObject({ ok: false, reason: expect.stringMatching(/above 0/) });
  });
});
