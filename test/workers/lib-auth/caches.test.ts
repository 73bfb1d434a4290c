import { describe, expect, it } from 'vitest';
import { createSingleFlight } from '../../../shared/lib-auth/single-flight.js';
import { TtlCache } from '../../../shared/lib-auth/ttl-cache.js';

describe('the bounded TTL cache', () => {
  it('returns a value until it expires, and nothing after', () => {
    const cache = new TtlCache<string>(10);
    cache.set('k', 'v', 1000, 0);
    expect(cache.get('k', 999)).toBe('v');
    expect(cache.get('k', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store what is already expired (a zero TTL caches nothing)', () => {
    const cache = new TtlCache<string>(10);
    cache.set('k', 'v', 500, 500);
    expect(cache.get('k', 500)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used entry when full', () => {
    const cache = new TtlCache<number>(2);
    cache.set('a', 1, 1000, 0);
    cache.set('b', 2, 1000, 0);
    expect(cache.get('a', 1)).toBe(1);
    cache.set('c', 3, 1000, 1);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 2)).toBeUndefined();
    expect(cache.get('a', 2)).toBe(1);
    expect(cache.get('c', 2)).toBe(3);
  });

  it('drops expired entries before live ones when full', () => {
    const cache = new TtlCache<number>(2);
    cache.set('old', 1, 10, 0);
    cache.set('live', 2, 1000, 0);
    cache.set('new', 3, 1000, 20);
    expect(cache.get('live', 21)).toBe(2);
    expect(cache.get('new', 21)).toBe(3);
  });
});

describe('single flight', () => {
  it('shares one run among concurrent callers of a key, and runs again afterwards', async () => {
    const once = createSingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return runs;
    };
    const results = await Promise.all([once('k', work), once('k', work), once('other', work)]);
    expect(runs).toBe(2);
    expect(results[0]).toBe(results[1]);
    await once('k', work);
    expect(runs).toBe(3);
  });

  it('shares a failure too, and forgets it', async () => {
    const once = createSingleFlight<number>();
    const failing = () => Promise.reject(new Error('down'));
    await expect(Promise.all([once('k', failing), once('k', failing)])).rejects.toThrow('down');
    await expect(once('k', async () => 7)).resolves.toBe(7);
  });
});
