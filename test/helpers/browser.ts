import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's headless Chromium (`apt-get install chromium`; `.ci/run` installs it), driven by playwright-core.
 * `CHROMIUM_PATH` names another binary. Missing, the test fails saying how to install it — it never skips.
 */
export function chromiumPath(): string {
  if (process.env['CHROMIUM_PATH']) return process.env['CHROMIUM_PATH'];
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      /* not this one */
    }
  }
  throw new Error('headless Chromium is needed for the browser tests: apt-get install chromium (or set CHROMIUM_PATH)');
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
