import type { Command } from 'commander';
import type { SentCode } from '../providers/twilio/verify/admin.js';
import { adminHeaders, serverUrl } from './server-url.js';

interface Flags {
  url?: string;
  to?: string;
  service?: string;
  verification?: string;
  json?: boolean;
  code?: boolean;
}

/** `hookyard verify codes`: the codes a running hookyard's Verify "sent", newest first. */
export function registerVerify(program: Command): void {
  const verify = program.command('verify').description('Twilio Verify helpers for a running hookyard (--url / HOOKYARD_URL)');
  verify
    .command('codes')
    .description('list the codes Verify would have sent (SMS, call, email, WhatsApp), newest first')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--to <to>', 'only those sent to this phone number or email')
    .option('--service <sid>', 'only those of this Verify Service (VA…)')
    .option('--verification <sid>', 'only those of this Verification (VE…)')
    .option('--code', 'print only the newest code (exit 1 when there is none)')
    .option('--json', 'print JSON')
    .action(async (f: Flags) => {
      const url = serverUrl(f.url);
      if (!url) return;
      const q = new URLSearchParams();
      if (f.to) q.set('to', f.to);
      if (f.service) q.set('serviceSid', f.service);
      if (f.verification) q.set('verificationSid', f.verification);
      let codes: SentCode[];
      try {
        const res = await fetch(`${url}/_hookyard/verify/codes?${q}`, { headers: adminHeaders() });
        const body = (await res.json()) as { codes?: SentCode[]; error?: { message: string } };
        if (!res.ok || !body.codes) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
        codes = body.codes;
      } catch (err) {
        process.stderr.write(`hookyard: cannot read codes from ${url} (${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message})\n`);
        return void (process.exitCode = 2);
      }
      if (f.code) {
        if (!codes[0]) {
          process.stderr.write(`hookyard: no code sent${f.to ? ` to ${f.to}` : ''} yet\n`);
          return void (process.exitCode = 1);
        }
        return void process.stdout.write(codes[0].code + '\n');
      }
      if (f.json) return void process.stdout.write(JSON.stringify(codes, null, 2) + '\n');
      for (const c of codes) process.stdout.write(`${c.sentAt} ${c.verificationSid} ${c.channel} ${c.to} ${c.code}  ${JSON.stringify(c.body)}\n`);
      if (codes.length === 0) process.stderr.write('no codes sent yet\n');
    });
}
