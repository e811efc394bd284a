// Snapshot and restore of 1,000 rows (hook.snapshot() / hook.restore(), what a beforeEach calls), in memory:
// median of 50 runs each. The target is absolute: a restore well under 10 ms.
import { performance } from 'node:perf_hooks';
import { createHookyard } from '../dist/index.js';

export async function benchState(rows = 1000, runs = 50) {
  const hook = await createHookyard({ seed: 'bench-state' });
  const auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
  for (let i = 0; i < rows; i++) {
    const res = await hook.app.fetch(new Request('http://localhost/v2/Services', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: `FriendlyName=s${i}` }));
    await res.arrayBuffer();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const snapshotMs = [];
  const restoreMs = [];
  let snap;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    snap = hook.snapshot();
    snapshotMs.push(performance.now() - t);
    t = performance.now();
    await hook.restore(snap);
    restoreMs.push(performance.now() - t);
  }
  await hook.close();
  return { rows, snapshotMs: median(snapshotMs), restoreMs: median(restoreMs) };
}
