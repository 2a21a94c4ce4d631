import { z } from 'zod';
import { HttpError } from '../errors.ts';
import { parseBody, type RouteTable } from '../router.ts';

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError(400, 'bad-request', `Invalid setting key "${key}": use 1-100 letters, digits, ".", "_" or "-".`, {
      issues: [{ path: 'key', message: 'must be 1-100 letters, digits, ".", "_" or "-"' }],
    });
  }
  return key;
}

const PutBody = z.object({ value: z.unknown() }).refine((body) => body.value !== undefined, {
  path: ['value'],
  message: 'is required (use null to clear a setting)',
});

export const settingRoutes: Pick<RouteTable, 'GET /api/settings/:key' | 'PUT /api/settings/:key'> = {
  'GET /api/settings/:key': {
    handle: ({ params, store }) => {
      const key = checkKey(params.key);
      // JSON has no undefined: a setting never written reads as null.
      return { key, value: store.getSetting(key) ?? null };
    },
  },
  'PUT /api/settings/:key': {
    handle: ({ params, body, store }) => {
      const key = checkKey(params.key);
      const { value } = parseBody(PutBody, body);
      store.setSetting(key, value);
      return { key, value };
    },
  },
};
