import { describe, expect, it } from 'vitest';

import { EVENT_TYPE_NAMES, isEventTypeName } from '../../client/src/index.js';
import { EVENT_CATALOG } from '../../server/src/events/catalog.js';

describe('EVENT_TYPE_NAMES', () => {
  it('lists the server’s event catalog, in its order', () => {
    expect([...EVENT_TYPE_NAMES]).toEqual(EVENT_CATALOG.map((type) => type.name));
  });

  it('recognises catalog names only', () => {
    expect(isEventTypeName('vtc.member_joined')).toBe(true);
    expect(isEventTypeName('vtc.deleted')).toBe(false);
  });
});
