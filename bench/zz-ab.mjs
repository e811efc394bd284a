import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
const AUTH = 'Basic ' + Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64');
async function rate(args, env = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...env } });
  const url = await new Promise((resolve) => { let out = ''; child.stdout.on('data', (d) => { out += d; const m = /HOOKYARD_URL=(\S+)/.exec(out); if (m) resolve(m[1]); }); });
  await new Promise((r) => setTimeout(r, 500));
  const r = await new Promise((res, rej) => autocannon({ url: `${url}/v2/Services`, method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=bench', connections: 50, duration: 3 }, (e, x) => (e ? rej(e) : res(x))));
  await new Promise((res) => (child.once('exit', res), child.kill()));
  return r.requests.average;
}
const variants = JSON.parse(process.argv[2]);
const out = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const [k, v] of Object.entries(variants)) out[k].push(await rate(v.args, v.env));
for (const [k, xs] of Object.entries(out)) console.log(k.padEnd(12), xs.map((x) => x.toFixed(0)).join(' '));
