import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { launchChromium } from '../helpers/browser.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { sdk } from '../helpers/twilio.js';

const shot = (name: string) => join(tmpdir(), `hookyard-inspector-${name}.png`);
const formParams = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** The inspector in a real browser: live rows without reload, one delivery in full, replay, filters, trigger, state, reset. */
describe('the inspector in headless Chromium', () => {
  let hook: Hookyard;
  let rx: Receiver;
  let browser: Browser;
  let page: Page;
  let serviceSid: string;
  const errors: string[] = [];
  const rows = () => page.locator('.list .row');

  beforeAll(async () => {
    rx = await startReceiver();
    hook = await createHookyard({ seed: 'inspector-browser' });
    const client = sdk(hook);
    const service = await client.verify.v2.services.create({ friendlyName: 'Browser Co' });
    serviceSid = service.sid;
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/verify` });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(5000); // an element that never appears fails the test, not the suite's clock
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await hook?.close();
    await rx?.close();
  });

  it('shows deliveries as they happen, without a reload', async () => {
    await page.goto(`${hook.url}/_hookyard/ui`);
    await page.waitForSelector('#live.on');
    await page.evaluate(() => ((globalThis as unknown as { loadedOnce: number }).loadedOnce = 1));
    await hook.emit({ type: 'factor.created', serviceSid });
    await hook.emit({ type: 'challenge.approved', serviceSid });
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().first().textContent()).toContain('challenge.approved');
    // The row comes as the delivery starts and its badge changes when the attempt ends (live, too): wait for it.
    await expect.poll(() => rows().first().locator('.badge').textContent()).toBe('delivered');
    expect(await page.evaluate(() => (globalThis as unknown as { loadedOnce?: number }).loadedOnce)).toBe(1);
    await page.screenshot({ path: shot('list') });
  });

  it('opens one: the form body decoded, "signature valid" as the vendor validator agrees, attempts and curl', async () => {
    await rows().nth(1).click();
    await page.waitForSelector('.verdict');
    expect(await page.locator('.verdict').textContent()).toBe('✔ signature valid');
    const got = rx.received.find((r) => r.body.includes('factor.created'))!;
    expect(twilio.validateRequest(hook.authToken, got.headers['x-twilio-signature'] as string, got.url, formParams(got.body))).toBe(true);
    const fields = await page.locator('table[aria-label="Form fields"] tr').allTextContents();
    expect(fields).toContain(`service_sid${serviceSid}`);
    expect(fields).toContain('typefactor.created');
    expect(await page.locator('.attempt').count()).toBe(1);
    // Copy as curl reproduces the signed request: run as printed, the receiver gets the same bytes, still valid.
    const curl = (await page.locator('pre[aria-label="curl command"]').textContent())!;
    const before = rx.received.length;
    await promisify(execFile)('bash', ['-c', `${curl} -sS -o /dev/null`]); // async: the receiver runs in this process
    const again = (await rx.waitFor(before + 1)).at(-1)!;
    expect(again.body).toBe(got.body);
    expect(twilio.validateRequest(hook.authToken, again.headers['x-twilio-signature'] as string, again.url, formParams(again.body))).toBe(true);
    expect(new URL(page.url()).searchParams.get('id')).toMatch(/^HD/);
    await page.screenshot({ path: shot('delivery') });
  });

  it('replays it, and replays it with an edited body that the receiver validates', async () => {
    const before = rx.received.length;
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(3);
    await rx.waitFor(before + 1);
    expect(await rows().first().textContent()).toContain('(replay)');
    // The replay opens in the pane once it is sent.
    const replayId = await rows().first().getAttribute('data-id');
    await expect.poll(() => page.locator('.detail-head p.mono').textContent()).toBe(replayId);
    await expect.poll(() => page.locator('.detail-head .badge').textContent()).toBe('delivered');

    await page.getByRole('button', { name: 'Replay with changes…' }).click();
    const editor = page.getByLabel('Edited body');
    const original = await editor.inputValue();
    const edited = original.replace(/factor_friendly_name=[^&]*/, 'factor_friendly_name=Edited+in+the+inspector');
    expect(edited).not.toBe(original);
    await editor.fill(edited);
    await page.getByRole('button', { name: 'Send edited replay' }).click();
    const [last] = (await rx.waitFor(before + 2)).slice(-1);
    expect(last!.body).toBe(edited);
    expect(twilio.validateRequest(hook.authToken, last!.headers['x-twilio-signature'] as string, last!.url, formParams(last!.body))).toBe(true);
    await expect.poll(() => rows().first().textContent()).toContain('(edited replay)');
    await expect.poll(() => page.locator('.verdict').textContent()).toBe('✔ signature valid');
  });

  it('filters by outcome and by search text; the filters live in the URL', async () => {
    rx.respondWith(500);
    await hook.emit({ type: 'factor.verified', serviceSid, wait: true });
    rx.respondWith(200);
    await expect.poll(() => page.locator('.list .row.http_error').count()).toBe(1);
    await page.getByLabel('Outcome', { exact: true }).selectOption('http_error');
    await expect.poll(() => new URL(page.url()).searchParams.get('outcome')).toBe('http_error');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('factor.verified');
    await page.reload(); // a shared link opens the same view
    await page.waitForSelector('#live.on');
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByLabel('Outcome', { exact: true }).selectOption('');
    await page.getByLabel('Search', { exact: true }).fill('Edited+in+the+inspector');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Edited+in+the+inspector');
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining('(edited replay)')]);
    await page.getByLabel('Search', { exact: true }).fill('');
    await expect.poll(() => rows().count()).toBe(5);
  });

  it('moves through the list with j/k and opens with Enter', async () => {
    await page.locator('.list').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    const id = await rows().nth(1).getAttribute('data-id');
    await expect.poll(() => new URL(page.url()).searchParams.get('id')).toBe(id);
    expect(await rows().nth(1).getAttribute('aria-selected')).toBe('true');
  });

  it('triggers an event from the page that a real receiver gets, signed', async () => {
    await page.getByRole('link', { name: 'Trigger' }).click();
    await page.getByLabel('Search events').fill('document_updated');
    await page.locator('button.event[data-event="sync.document_updated"]').click();
    await page.getByLabel('Send to URL').fill(`${rx.url}/sync`);
    await page.getByLabel('Overrides (JSON)').fill('{"title": "from-the-page"}');
    const before = rx.received.length;
    await page.getByRole('button', { name: 'Send event' }).click();
    const [got] = (await rx.waitFor(before + 1)).slice(-1);
    expect(got!.url).toContain('/sync');
    expect(JSON.parse(formParams(got!.body)['DocumentData']!)).toEqual({ title: 'from-the-page' });
    expect(twilio.validateRequest(hook.authToken, got!.headers['x-twilio-signature'] as string, got!.url, formParams(got!.body))).toBe(true);
    await page.waitForSelector('ul.sent a');
    await page.locator('ul.sent a').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('deliveries');
    await expect.poll(() => page.locator('.verdict').textContent()).toBe('✔ signature valid');
  });

  it('browses the fake state, and links a row to the deliveries it caused', async () => {
    await page.getByRole('link', { name: 'State' }).click();
    await page.locator('button[data-table="verify.services"]').click();
    await page.waitForSelector(`article[data-sid="${serviceSid}"]`);
    expect(await page.locator(`article[data-sid="${serviceSid}"]`).textContent()).toContain('Browser Co');
    await page.locator('button[data-table="verify.webhooks"]').click();
    await page.waitForSelector('article[data-sid^="YW"]');
    await page.locator('article[data-sid^="YW"] a.deliveries-link').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toMatch(/^YW/);
    await expect.poll(() => rows().count()).toBe(5); // every delivery to that webhook, not the Sync one
  });

  it('stops a schedule, edits chaos, and resets after a confirmation', async () => {
    await hook.ctx.scheduler.add('every minute', { every: '1m' }, async () => undefined);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Stop every minute' }).click();
    await expect.poll(() => hook.ctx.scheduler.list().filter((s) => s.state === 'active').length).toBe(0);
    await page.getByLabel('Chaos (JSON)').fill('{"duplicate": 0.5}');
    await page.getByRole('button', { name: 'Save chaos' }).click();
    await expect.poll(() => hook.ctx.delivery.chaos?.options?.duplicate).toBe(0.5);
    await page.getByLabel('Chaos (JSON)').fill('null');
    await page.getByRole('button', { name: 'Save chaos' }).click();
    await expect.poll(() => hook.ctx.delivery.chaos?.options).toBeUndefined();
    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.getByRole('button', { name: 'Yes, erase all state and the journals' }).click();
    await expect.poll(() => hook.deliveries().length).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the inspector with a full journal', () => {
  it('lists 10,000 deliveries a page at a time, with only the rows in sight in the page, and stays live', async () => {
    const rx = await startReceiver();
    const hook = await createHookyard({ seed: 'inspector-10k', log: 'silent' });
    const browser = await launchChromium();
    try {
      const client = sdk(hook);
      const service = await client.verify.v2.services.create({ friendlyName: 'Busy Co' });
      await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/busy` });
      for (let i = 0; i < 10; i++) await hook.emit({ type: 'factor.created', serviceSid: service.sid, count: 1000, wait: true });
      expect(hook.deliveries().length).toBe(10_000);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(5000);
      await page.goto(`${hook.url}/_hookyard/ui`);
      await page.waitForSelector('#live.on');
      await expect.poll(() => page.locator('.count').textContent()).toBe('200+ deliveries');
      const inPage = await page.locator('.list .row').count();
      expect(inPage).toBeGreaterThan(10);
      expect(inPage).toBeLessThan(80);
      // Scrolling to the end of what is loaded fetches the next page from the server.
      await page.locator('.list').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect.poll(() => page.locator('.count').textContent()).toBe('400+ deliveries');
      expect(await page.locator('.list .row').count()).toBeLessThan(80);
      await hook.emit({ type: 'factor.deleted', serviceSid: service.sid });
      await page.locator('.list').evaluate((el) => (el.scrollTop = 0));
      await expect.poll(() => page.locator('.list .row').first().textContent()).toContain('factor.deleted');
      await page.screenshot({ path: shot('10k') });
    } finally {
      await browser.close();
      await hook.close();
      await rx.close();
    }
  }, 60_000);
});
