import { afterEach, expect, it } from 'vitest';
import { MAX_NOTICES, useNotices } from './notices.ts';

afterEach(() => useNotices.getState().clear());

it('keeps only the newest few notices, so a burst of import errors does not pile up over the list', () => {
  for (let i = 1; i <= 6; i++) useNotices.getState().push({ kind: 'error', title: `Could not import file-${i}.json` });
  const titles = useNotices.getState().notices.map((n) => n.title);
  expect(titles).toHaveLength(MAX_NOTICES);
  expect(MAX_NOTICES).toBeLessThanOrEqual(3);
  expect(titles.at(-1)).toBe('Could not import file-6.json');
});
