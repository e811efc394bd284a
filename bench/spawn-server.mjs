// Spawns a server (hookyard's CLI or the bare Hono baseline) and resolves once it answers: its URL, the ms from
// spawn to the first 200 on the Verify service list, and a promise of its exit.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const AUTH = 'Basic ' + Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64');

export async function startServer(args) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = new Promise((r) => child.once('exit', r));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /HOOKYARD_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
  for (;;) {
    const res = await fetch(`${url}/v2/Services`, { headers: { authorization: AUTH } }).catch(() => undefined);
    if (res?.status === 200) {
      await res.arrayBuffer();
      break;
    }
  }
  return { child, url, exited, ms: performance.now() - t0 };
}
