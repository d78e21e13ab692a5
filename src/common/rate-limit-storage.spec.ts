import { SlidingWindowStorage } from './rate-limit-storage';

const MINUTE = 60_000;

describe('SlidingWindowStorage', () => {
  let now: number;
  let storage: SlidingWindowStorage;
  const hit = (key = 'client', limit = 3) => storage.increment(key, MINUTE, limit, MINUTE);

  beforeEach(() => {
    now = 10 * MINUTE;
    storage = new SlidingWindowStorage(() => now);
  });
  afterEach(() => storage.onModuleDestroy());

  it('lets the limit through and refuses the next, for the block duration', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    // Unblocked, half a window on: half the last window's three hits still count.
    now += 60_000;
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('counts each client apart', async () => {
    for (let i = 0; i < 4; i++) await hit('a');
    expect((await hit('b')).isBlocked).toBe(false);
  });

  it('weighs the last window by how much of it the last minute still covers', async () => {
    for (let i = 0; i < 3; i++) await hit('client', 4);
    // A quarter into the next window, three quarters of the last one's three hits still count: 2 + 1.
    now = 11 * MINUTE + 15_000;
    expect(await hit('client', 4)).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit('client', 4)).toMatchObject({ totalHits: 4, isBlocked: false });
    expect((await hit('client', 4)).isBlocked).toBe(true);
  });

  it('forgets a client two windows after its last request', async () => {
    await hit();
    storage.forgetIdle(MINUTE);
    expect(storage.size).toBe(1);
    now += 2 * MINUTE;
    storage.forgetIdle(MINUTE);
    expect(storage.size).toBe(0);
  });
});
