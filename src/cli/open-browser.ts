import { spawn } from 'node:child_process';

/** The system's "open this URL" command: `open` on macOS, `start` on Windows, `xdg-open` elsewhere. */
const OPENER: Record<string, [string, string[]]> = { darwin: ['open', []], win32: ['cmd', ['/c', 'start', '""']] };

/**
 * `serve --open`: shows the inspector in the default browser where there is one. A machine without one (a
 * container, CI) gets one line on stderr; the server keeps running either way.
 */
export function openBrowser(url: string, say: (line: string) => void): void {
  const [cmd, args] = OPENER[process.platform] ?? ['xdg-open', []];
  try {
    const child = spawn(cmd, [...args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => say(`hookyard: no browser to open here (${cmd} not found); open ${url} yourself`));
    child.unref();
  } catch {
    say(`hookyard: could not start ${cmd}; open ${url} yourself`);
  }
}
