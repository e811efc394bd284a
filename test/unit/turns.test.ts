import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../src/core/turns.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('turns of the event loop', () => {
  it('hands turns out in call order, one per turn, so a timer fires in the middle of a burst', async () => {
    const order: number[] = [];
    let timerFiredAfter = -1;
    setTimeout(() => void (timerFiredAfter = order.length), 5);
    // 100 pieces of 0.5 ms work started together: back to back they would hold the loop for 50 ms.
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        nextTurn().then(() => {
          order.push(i);
          busy(0.5);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(timerFiredAfter).toBeGreaterThanOrEqual(0);
    expect(timerFiredAfter).toBeLessThan(100);
  });

  it('starts again after the queue has drained', async () => {
    await nextTurn();
    let ran = false;
    await nextTurn().then(() => void (ran = true));
    expect(ran).toBe(true);
  });
});
