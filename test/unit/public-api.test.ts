import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('public API', () => {
  it('exports only what is documented', () => {
    expect(Object.keys(api).sort()).toEqual(['DEFAULTS', 'createHookyard', 'createManualClock', 'twilioHttpClient']);
  });
});
