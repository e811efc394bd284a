// Cold start of the single executable against `node dist/cli/main.js`, same run: spawn `serve --port 0
// --print-env` → the first answer of GET /v2/Services, median of `runs`, alternating the two.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const auth = 'Basic ' + Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64');

const once = (cmd, args) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, [...args, 'serve', '--port', '0', '--print-env', '-q'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let done = false;
    child.stdout.on('data', async (d) => {
      out += d;
      const m = /HOOKYARD_URL=(\S+)/.exec(out);
      if (!m || done) return;
      done = true;
      await (await fetch(`${m[1]}/v2/Services`, { headers: { authorization: auth } })).text();
      const ms = performance.now() - t0;
      child.kill();
      resolve(ms);
    });
  });

export async function benchSea(runs = 8) {
  const exe = `${root}/dist/sea/${process.platform === 'win32' ? 'hookyard.exe' : 'hookyard'}`;
  execFileSync(process.execPath, [`${root}/scripts/sea.mjs`], { stdio: 'ignore' });
  if (!existsSync(exe)) return undefined;
  const node = [];
  const sea = [];
  for (let i = 0; i < runs; i++) {
    node.push(await once(process.execPath, [`${root}/dist/cli/main.js`]));
    sea.push(await once(exe, []));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { nodeMs: median(node), seaMs: median(sea) };
}
