import { describe, expect, it } from 'vitest';
import { parseNumber, type ParseRules } from './NumberField.tsx';

const pct: ParseRules = { min: 0, max: 100, integer: false, nullable: false, label: 'Salary percentile' };
const money: ParseRules = { min: 0, max: 100_000_000, integer: true, nullable: false, label: 'Band minimum' };

describe('parseNumber', () => {
  it('refuses out-of-range and malformed text with the reason and what was typed, never clamping or flipping the sign', () => {
    expect(parseNumber('150', pct)).toEqual({ ok: false, reason: 'Salary percentile must be 0–100 (you typed 150)' });
    expect(parseNumber('-10', pct)).toEqual({ ok: false, reason: 'Salary percentile must be 0–100 (you typed -10)' });
    expect(parseNumber('-150000', money)).toEqual({ ok: false, reason: 'Band minimum cannot be negative (you typed -150000)' });
    expect(parseNumber('−150000', money)).toEqual({ ok: false, reason: 'Band minimum cannot be negative (you typed −150000)' });
    expect(parseNumber('12.5', money)).toEqual({ ok: false, reason: 'Band minimum must be a whole number (you typed 12.5)' });
    expect(parseNumber('0x10', money)).toEqual({ ok: false, reason: 'Band minimum must be a number (you typed 0x10)' });
    expect(parseNumber('', money)).toEqual({ ok: false, reason: 'Band minimum needs a value' });
  });
  it('takes plain numbers, thousands separators and empty for a nullable field', () => {
    expect(parseNumber('42.5', pct)).toEqual({ ok: true, value: 42.5 });
    expect(parseNumber('150,000', money)).toEqual({ ok: true, value: 150000 });
    expect(parseNumber(' ', { ...pct, nullable: true })).toEqual({ ok: true, value: null });
  });
  it('applies a further check with its own reason', () => {
    const max = { ...money, label: 'Band maximum', check: (v: number) => (v < 160_000 ? 'Band maximum must be at least the minimum, $160,000' : null) };
    expect(parseNumber('150000', max)).toEqual({ ok: false, reason: 'Band maximum must be at least the minimum, $160,000 (you typed 150000)' });
    expect(parseNumber('250000', max)).toEqual({ ok: true, value: 250000 });
  });
});
