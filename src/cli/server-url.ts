/**
 * The running hookyard a client command talks to: `--url`, else `$HOOKYARD_URL`. Without either, says so
 * in one line, sets exit code 2 and answers undefined.
 */
export function serverUrl(flag: string | undefined): string | undefined {
  const url = flag ?? process.env['HOOKYARD_URL'];
  if (!url) {
    process.stderr.write('hookyard: no hookyard to read: pass --url or set HOOKYARD_URL\n');
    process.exitCode = 2;
  }
  return url;
}

/** Headers for the admin API: the Bearer token of a hookyard started with `--admin-token` (`HOOKYARD_ADMIN_TOKEN`). */
export const adminHeaders = (): Record<string, string> => (process.env['HOOKYARD_ADMIN_TOKEN'] ? { authorization: `Bearer ${process.env['HOOKYARD_ADMIN_TOKEN']}` } : {});
