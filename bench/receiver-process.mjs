// Starts bench/receiver.mjs in its own process (so it does not share the event loop being measured).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startReceiver() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./receiver.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => child.stdout.on('data', (d) => resolve(/RECEIVER=(\S+)/.exec(String(d))[1])));
  return { url, stop: () => child.kill() };
}
