import { expect, it } from 'vitest';
import { reasonWords } from './reason-words.ts';

it('a quota reason names the resource that is short (a 1,000-byte memory quota admits nothing, and says memory)', () => {
  expect(reasonWords('ExceedsMaximumCapacity', null, 'memory')).toBe('exceeds what the queue can ever hold (memory)');
  expect(reasonWords('ExceedsMaximumCapacity')).toBe('exceeds what the queue can ever hold');
  // Not a quota reason: nothing to name.
  expect(reasonWords('NoNodeFits', null, 'nvidia.com/gpu')).toBe('no node fits');
});
