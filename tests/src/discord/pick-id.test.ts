import { describe, expect, it } from 'vitest';

import { pickId } from '../../../src/discord/pick-id.js';

const MEMBER = '200000000000000001';
const AT = Date.UTC(2024, 4, 6, 7, 8, 9);

describe('pickId', () => {
  it('given a target, then the id it makes decodes back to the command, option, member and time', () => {
    const id = pickId.encode({ command: 'like', option: 'title', member: MEMBER, at: AT });
    expect(id.startsWith('pick:like:title:')).toBe(true);
    expect(pickId.decode(id)).toEqual({ command: 'like', option: 'title', member: MEMBER, at: AT });
  });

  it('given no time, then the id carries the time it was made', () => {
    const before = Date.now();
    const target = pickId.decode(
      pickId.encode({ command: 'similar', option: 'title', member: MEMBER }),
    );
    expect(target!.at).toBeGreaterThanOrEqual(before);
    expect(target!.at).toBeLessThanOrEqual(Date.now());
  });

  it('given the longest names Discord allows and a 20-digit member id, then the id is at most 100 characters and decodes back', () => {
    const target = {
      command: 'c'.repeat(32),
      option: 'o'.repeat(32),
      member: '9'.repeat(20),
      at: Date.now(),
    };
    const id = pickId.encode(target);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(pickId.decode(id)).toEqual(target);
  });

  it('given names that would make an id over 100 characters, then it refuses to make one', () => {
    const target = { command: 'c'.repeat(60), option: 'o'.repeat(40), member: MEMBER, at: AT };
    expect(() => pickId.encode(target)).toThrow();
  });

  it('given a target whose id could not be read back, then it refuses to make one', () => {
    expect(() => pickId.encode({ command: 'like', option: 'title', member: 'console' })).toThrow();
    expect(() => pickId.encode({ command: 'Like', option: 'title', member: MEMBER })).toThrow();
  });

  const malformed: [string, string][] = [
    ['an empty id', ''],
    ['another component’s id', 'likes:page:2'],
    ['a wrong prefix', `pock:like:title:${MEMBER}:lz0`],
    ['a missing time', `pick:like:title:${MEMBER}`],
    ['an extra part', `pick:like:title:${MEMBER}:lz0:x`],
    ['a non-numeric member', 'pick:like:title:someone:lz0'],
    ['a member id of 21 digits', `pick:like:title:${'1'.repeat(21)}:lz0`],
    ['a member with a sign', 'pick:like:title:-5:lz0'],
    ['an upper-case command', `pick:LIKE:title:${MEMBER}:lz0`],
    ['a time that is not base 36', `pick:like:title:${MEMBER}:l!z`],
    ['trailing text on a new line', `pick:like:title:${MEMBER}:lz0\nextra`],
  ];
  for (const [what, id] of malformed) {
    it(`given ${what}, then decode rejects it`, () => {
      expect(pickId.decode(id)).toBeNull();
    });
  }
});
