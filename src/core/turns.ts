/**
 * Turns of the event loop, handed out one at a time: `nextTurn()` resolves in the order it was called, one
 * caller per turn (in the loop's check phase), so timers and I/O run between callers. A burst of work
 * started together (a thousand schedules due at once, each emitting) then holds the loop for one piece of
 * work at a time instead of all of them back to back, and the next timers fire on time.
 */
const waiting: (() => void)[] = [];
let head = 0;

function pump(): void {
  const next = waiting[head++]!;
  if (head < waiting.length) setImmediate(pump);
  else waiting.length = head = 0;
  next();
}

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (waiting.push(resolve) === 1) setImmediate(pump);
  });
}
