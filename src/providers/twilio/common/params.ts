import { invalidParam, missingParam } from '../../../core/errors.js';
import { isHttpUrl } from '../../../core/url.js';

/** A form body or query string with repeated keys kept in order (`EventTypes=a&EventTypes=b`). */
export type Form = Map<string, string[]>;

export function toForm(text: string): Form {
  const form: Form = new Map();
  for (const [k, v] of new URLSearchParams(text)) {
    const values = form.get(k);
    if (values) values.push(v);
    else form.set(k, [v]);
  }
  return form;
}

interface Opts {
  required?: boolean;
}

/**
 * Readers for Twilio's form parameters: each takes the wire name, returns a typed value or undefined,
 * and throws 20001 naming the parameter. Twilio takes the last value of a repeated scalar key.
 */
export function str(form: Form, name: string, opts: Opts & { max?: number } = {}): string | undefined {
  const v = form.get(name)?.at(-1);
  if (v === undefined || (opts.required && v === '')) {
    if (opts.required) throw missingParam(name);
    return undefined;
  }
  if (opts.max !== undefined && v.length > opts.max) throw invalidParam(name, `Invalid parameter ${name}: must be at most ${opts.max} characters`);
  return v;
}

export function oneOf<T extends string>(form: Form, name: string, values: readonly T[], opts: Opts = {}): T | undefined {
  const v = str(form, name, opts);
  if (v === undefined) return undefined;
  if (!values.includes(v as T)) throw invalidParam(name, `Invalid parameter ${name}: '${v}' is not one of ${values.join(', ')}`);
  return v as T;
}

export function list<T extends string>(form: Form, name: string, values: readonly T[], opts: Opts = {}): T[] | undefined {
  const v = form.get(name)?.filter((x) => x !== '');
  if (!v || v.length === 0) {
    if (opts.required) throw missingParam(name);
    return undefined;
  }
  const bad = v.find((x) => !values.includes(x as T));
  if (bad !== undefined) throw invalidParam(name, `Invalid parameter ${name}: '${bad}' is not one of ${values.join(', ')}`);
  return [...new Set(v)] as T[];
}

export function url(form: Form, name: string, opts: Opts = {}): string | undefined {
  const v = str(form, name, opts);
  if (v === undefined) return undefined;
  if (!isHttpUrl(v)) throw invalidParam(name, `Invalid parameter ${name}: '${v}' is not an absolute http(s) URL`);
  return v;
}

export function int(form: Form, name: string, range: { min: number; max: number }, opts: Opts = {}): number | undefined {
  const v = str(form, name, opts);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < range.min || n > range.max) {
    throw invalidParam(name, `Invalid parameter ${name}: must be an integer from ${range.min} to ${range.max}`);
  }
  return n;
}

export function bool(form: Form, name: string): boolean | undefined {
  const v = str(form, name);
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidParam(name, `Invalid parameter ${name}: must be true or false`);
  return lower === 'true';
}
