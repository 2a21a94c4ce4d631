import { describe, expect, it } from 'vitest';
import { generateManifests } from '../manifests/objects.ts';
import { randomPolicy } from './testing/random-policy.ts';
import { validatePolicy } from './validate.ts';

describe('random policies (the generator the API-server acceptance test relies on)', () => {
  it('are valid by podplan\'s own rules, every one of 500', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const errors = validatePolicy(randomPolicy(seed, `r${seed}`)).filter((i) => i.severity === 'error');
      expect(errors, `seed ${seed}`).toEqual([]);
    }
  });

  it('are the same for the same seed, and differ across seeds', () => {
    expect(generateManifests('s', randomPolicy(7, 'x'))).toEqual(generateManifests('s', randomPolicy(7, 'x')));
    expect(generateManifests('s', randomPolicy(7, 'x'))).not.toEqual(generateManifests('s', randomPolicy(8, 'x')));
  });
});
