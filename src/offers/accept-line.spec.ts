import { AsyncLocalStorage } from 'node:async_hooks';
import { AcceptLines } from './accept-line';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AcceptLines', () => {
  it('runs one vacancy’s turns one at a time, in the order they joined', async () => {
    const lines = new AcceptLines();
    const events: string[] = [];
    let release!: () => void;
    const first = lines.join('v1', async () => {
      events.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      events.push('first ends');
    });
    const second = lines.join('v1', async () => void events.push('second runs'));
    await tick();
    expect(events).toEqual(['first starts']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('lets those still waiting see who won, and a new line begins once nobody waits', async () => {
    const lines = new AcceptLines();
    const seen = await Promise.all(
      ['a', 'b', 'c'].map((offer) =>
        lines.join('v1', async (line) => {
          const before = line.wonBy;
          if (before === null) line.wonBy = offer;
          return before;
        }),
      ),
    );
    expect(seen).toEqual([null, 'a', 'a']);
    await tick();
    expect(lines.size).toBe(0);
    expect(await lines.join('v1', async (line) => line.wonBy)).toBeNull();
  });

  it('gives the next in line its turn when a turn fails', async () => {
    const lines = new AcceptLines();
    const failing = lines.join('v1', async () => {
      throw new Error('refused');
    });
    const next = lines.join('v1', async () => 'ran');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
  });

  it('keeps vacancies apart', async () => {
    const lines = new AcceptLines();
    let release!: () => void;
    const blocked = lines.join('v1', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(lines.join('v2', async () => 'other vacancy')).resolves.toBe('other vacancy');
    release();
    await blocked;
  });

  it('runs each turn in the async context of the one who joined (its request’s scope)', async () => {
    const lines = new AcceptLines();
    const scope = new AsyncLocalStorage<string>();
    const results = await Promise.all(['request 1', 'request 2'].map((name) => scope.run(name, () => lines.join('v1', async () => scope.getStore()))));
    expect(results).toEqual(['request 1', 'request 2']);
  });
});
