import { describe, expect, it } from 'vitest';
import { quantityWarning, resourceUnit } from './quantity-hints.ts';

describe('quantityWarning', () => {
  it('warns about a memory quantity without a unit that is far below a GiB', () => {
    expect(quantityWarning('memory', '1000')).toBe('1000 bytes — did you mean 1000Gi?');
    expect(quantityWarning('ephemeral-storage', '64')).toBe('64 bytes — did you mean 64Gi?');
  });
  it('is quiet for units, zero, a byte count of a GiB or more, other resources and unset limits', () => {
    expect(quantityWarning('memory', '1000Gi')).toBeNull();
    expect(quantityWarning('memory', '0')).toBeNull();
    expect(quantityWarning('memory', String(64 * 1024 ** 3))).toBeNull();
    expect(quantityWarning('cpu', '1000')).toBeNull();
    expect(quantityWarning('memory', undefined)).toBeNull();
  });
});

describe('resourceUnit', () => {
  it('names the unit of memory and cpu', () => {
    expect(resourceUnit('memory')).toMatch(/^bytes/);
    expect(resourceUnit('cpu')).toMatch(/^cores/);
    expect(resourceUnit('nvidia.com/gpu')).toBeNull();
  });
});
