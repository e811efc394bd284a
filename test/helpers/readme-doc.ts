/**
 * Reading the README's console sessions as tests: `$ ` lines are commands (a trailing `\` continues one), the
 * lines up to the next command are what it prints. In the expected text `…` stands for anything (a line of
 * only `…`, for any lines), times and `(12.3 ms)` latencies for any such, and SIDs and six-digit codes are
 * bound on first sight to what the run printed, so later commands use the run's own values.
 */
export interface DocCommand {
  command: string;
  expected: string;
  /** 1-based line in the README, for failure messages. */
  line: number;
}

export interface DocBlock {
  line: number;
  commands: DocCommand[];
}

/** Every ```console block of the README, in order. */
export function consoleBlocks(readme: string): DocBlock[] {
  const lines = readme.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const block: DocBlock = { line: i + 1, commands: [] };
    for (i++; i < lines.length && lines[i] !== '```'; i++) {
      const text = lines[i]!;
      if (text.startsWith('$ ')) {
        const cmd: DocCommand = { command: text.slice(2), expected: '', line: i + 1 };
        while (cmd.command.endsWith('\\') && i + 1 < lines.length) cmd.command += '\n' + lines[++i];
        block.commands.push(cmd);
      } else if (block.commands.length > 0) {
        const last = block.commands.at(-1)!;
        last.expected += (last.expected === '' && text === '' ? '' : text + '\n');
      }
    }
    for (const c of block.commands) c.expected = c.expected.replace(/\n+$/, '');
    blocks.push(block);
  }
  return blocks;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SID = /^[A-Z]{2}[0-9a-f]{32}$/;
const TOKEN = /([A-Z]{2}[0-9a-f]{32})|([A-Z]{2}[0-9a-f]{1,31})(?=…)|\b(\d{6})\b|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)|(\(\d+(?:\.\d+)? ms\))|(…)/g;

/** What the printed values stand for in this run: printed SID or code → the run's. */
export class Bindings {
  readonly map = new Map<string, string>();
  /** Seeded sessions print exactly the README's SIDs: a different one is a failure, not a binding. */
  constructor(readonly strictSids: boolean) {}

  apply(text: string): string {
    return text.replace(/[A-Z]{2}[0-9a-f]{32}|\b\d{6}\b/g, (m) => this.map.get(m) ?? m);
  }

  /** The regex for one line (or a joined one-line answer) and the printed values its groups capture. */
  private linePattern(line: string, captures: string[]): string {
    let out = '';
    let at = 0;
    for (const m of line.matchAll(TOKEN)) {
      const ellipsis = m[6] !== undefined;
      // `, …}` elides with a space the output does not have: spaces around `…` are optional.
      const literal = line.slice(at, m.index);
      out += ellipsis && literal.endsWith(' ') ? escape(literal.slice(0, -1)) + ' ?' : escape(literal);
      at = m.index + m[0].length;
      if (ellipsis && line[at] === ' ') {
        out += '.*?(?: |(?=\\S))';
        at++;
        continue;
      }
      const [, sid, partial, code, time, latency] = m;
      const bound = (printed: string, shape: string) => {
        if (this.map.has(printed)) return escape(this.map.get(printed)!);
        const seen = captures.indexOf(printed);
        if (seen >= 0) return `\\k<v${seen}>`;
        captures.push(printed);
        return `(?<v${captures.length - 1}>${shape})`;
      };
      if (sid) out += this.strictSids ? escape(sid) : bound(sid, `${sid.slice(0, 2)}[0-9a-f]{32}`);
      else if (partial) out += this.strictSids ? escape(partial) : `${partial.slice(0, 2)}[0-9a-f]*`;
      else if (code) out += bound(code, '\\d{6}');
      else if (time) out += '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z';
      else if (latency) out += '\\(\\d+(?:\\.\\d+)? ms\\)';
      else out += '.*?';
    }
    return out + escape(line.slice(at));
  }

  /**
   * Does `actual` print what `expected` shows? A one-line answer is compared with the expected lines joined
   * (the README wraps long JSON onto indented lines); `within` lets other lines come first (a server's log).
   */
  match(expected: string, actual: string, within = false): { ok: true } | { ok: false; pattern: string } {
    const captures: string[] = [];
    const trimmed = actual.replace(/\n+$/, '');
    const oneLine = !trimmed.includes('\n');
    const lines = oneLine ? [expected.replace(/\n\s*/g, '')] : expected.split('\n');
    // A line of only `…` stands for one or more lines of any text.
    const body = lines.map((l) => (l === '…' ? '[\\s\\S]*?' : this.linePattern(l, captures))).join('\\n');
    const pattern = within ? `(?:^|\\n)${body}(?:\\n|$)` : `^${body}$`;
    const m = new RegExp(pattern).exec(trimmed);
    if (!m) return { ok: false, pattern };
    captures.forEach((printed, i) => {
      const value = m.groups![`v${i}`]!;
      if (SID.test(printed) || /^\d{6}$/.test(printed)) this.map.set(printed, value);
    });
    return { ok: true };
  }
}
