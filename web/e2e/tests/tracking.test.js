import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, newPage, logIn, token, dispatch, courierPosition, placeNear, assertFitsWidth, TRACKING_COURIER,
  DELIVERY_MS, PHONE } from './support.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const status = (page, s, timeout = 15000) => page.locator('#order-status', { hasText: s }).waitFor({ timeout });
const onTimeline = (page, s, timeout = 15000) => page.locator(`#timeline li[data-status="${s}"]`).waitFor({ timeout });
// While the browser is offline it logs failed connections; anything else is a defect.
const realErrors = (errors) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|net::|WebSocket|EventSource/.test(e));

test('a customer watches PAID, DISPATCHED, DELIVERED live, across a reload and a network drop; another sees none of it', async () => {
  const errors = [];
  const alice = `alice-${Date.now()}`;
  const operator = await token('olga', 'operator');
  const page = await newPage(browser, errors, PHONE);
  await logIn(page, alice, 'customer');
  await page.locator('#sse-state[data-state="connected"]').waitFor({ timeout: 15000 });
  await page.getByLabel('Deliver to').selectOption(String(placeNear(await courierPosition(operator, TRACKING_COURIER))));
  await page.getByRole('button', { name: 'Place order' }).click();
  await status(page, 'PAID');
  await onTimeline(page, 'PAID');
  const orderId = await page.evaluate(() => window.dispatchTracking.orderId);

  await page.reload();
  await status(page, 'PAID');
  await onTimeline(page, 'PAID');
  await page.locator('#sse-state[data-state="connected"]').waitFor({ timeout: 15000 });

  // Dispatched while the customer is offline: the page catches up when the network is back.
  await page.context().setOffline(true);
  await page.locator('#sse-state[data-state="reconnecting"]').waitFor({ timeout: 15000 });
  await dispatch(operator, orderId, TRACKING_COURIER);
  await page.waitForTimeout(1000);
  await page.context().setOffline(false);
  await onTimeline(page, 'DISPATCHED', 30000);
  await status(page, 'DISPATCHED');
  await page.locator('#courier', { hasText: TRACKING_COURIER }).waitFor({ timeout: 15000 });
  await page.locator('#eta', { hasText: 'km away' }).waitFor({ timeout: 30000 });
  await onTimeline(page, 'DELIVERED', DELIVERY_MS);
  await status(page, 'DELIVERED');
  const timeline = await page.locator('#timeline li').evaluateAll((items) => items.map((li) => li.dataset.status));
  assert.deepEqual(timeline.filter((s) => ['PAID', 'DISPATCHED', 'DELIVERED'].includes(s)), ['PAID', 'DISPATCHED', 'DELIVERED']);
  await assertFitsWidth(page);
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: 'screenshots/tracking.png', fullPage: true });

  const bob = await newPage(browser, errors);
  await logIn(bob, `bob-${Date.now()}`, 'customer');
  await bob.evaluate((id) => sessionStorage.setItem('dispatch.order', id), orderId);
  await bob.reload();
  await bob.locator('#sse-state[data-state="connected"]').waitFor({ timeout: 15000 });
  await bob.waitForTimeout(1000); // what bob would see has had time to arrive
  assert.equal(await bob.locator('#order-status').textContent(), '—');
  assert.equal(await bob.locator('#timeline li').count(), 0);
  assert.equal(await bob.evaluate(() => sessionStorage.getItem('dispatch.order')), null, 'the page forgets an order that is not bob\'s');
  assert.deepEqual(realErrors(errors), []);
});
