import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../src/delivery/error-codes.js';
import { EVENT_STREAMS_RETRY } from '../../src/delivery/retry.js';
import type { HttpResult } from '../../src/delivery/http-client.js';

const http = (status: number): HttpResult => ({ status, outcome: status < 300 ? 'delivered' : 'http_error' });
const readTimeout: HttpResult = { outcome: 'timeout', error: 'no response within 5000 ms' };
const connectTimeout: HttpResult = { outcome: 'timeout', error: 'connect timeout after 5000 ms' };
const refused: HttpResult = { outcome: 'network_error', error: 'ECONNREFUSED' };

describe("the debugger codes a failed attempt records, and Event Streams' retry decision", () => {
  it('maps each Event Streams outcome to its Twilio error page, and retries only what Twilio retries', () => {
    const cases: [HttpResult, number | undefined, boolean][] = [
      [http(200), undefined, false],
      [http(204), undefined, false],
      [http(400), 91305, false],
      [http(404), 91305, false],
      [http(429), 91302, true],
      [http(500), 91306, true],
      [http(503), 91306, true],
      [readTimeout, 91308, true],
      [connectTimeout, 91307, true],
      [refused, 91307, true],
      [http(302), 91300, false],
    ];
    for (const [result, code, retried] of cases) {
      expect(errorCodeOf('eventstreams', result), JSON.stringify(result)).toBe(code);
      expect(EVENT_STREAMS_RETRY.shouldRetry(result), JSON.stringify(result)).toBe(retried);
    }
  });

  it('maps Twilio form webhooks to 11200 (an HTTP error answer) and 11205 (no connection or no answer in time)', () => {
    expect(errorCodeOf('twilio', http(200))).toBeUndefined();
    expect(errorCodeOf('twilio', http(500))).toBe(11200);
    expect(errorCodeOf('twilio', http(404))).toBe(11200);
    expect(errorCodeOf('twilio', readTimeout)).toBe(11205);
    expect(errorCodeOf('twilio', refused)).toBe(11205);
  });

  it('records nothing for a table it does not know, including prototype names', () => {
    for (const t of [undefined, 'sinch', 'toString', '__proto__', 'constructor']) expect(errorCodeOf(t, http(500))).toBeUndefined();
  });
});
