import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, newPage, logIn, token, placeOrder, courierPosition, placeNear, assertFitsWidth, PLACES, BOARD_COURIER,
  DELIVERY_MS, PHONE } from './support.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an operator sees a new order on the board at once, dispatches it and watches the courier deliver', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await logIn(page, 'olga', 'operator');
  await page.locator('#feed-state[data-state="connected"]').waitFor({ timeout: 15000 });
  // The simulated courier is on the board (its positions come over STOMP) and can be picked.
  const courier = page.locator(`#couriers tr[data-device-id="${BOARD_COURIER}"]`);
  await courier.waitFor({ timeout: 30000 });

  const place = PLACES[placeNear(await courierPosition(await token('olga', 'operator'), BOARD_COURIER))];
  const customer = await token(`alice-${Date.now()}`, 'customer');
  const placed = Date.now();
  const order = await placeOrder(customer, place);
  const row = page.locator(`#orders tr[data-order-id="${order.id}"]`);
  // Live: the order appears without a reload, within the bound; how fast is a figure for the benchmarks, not a test
  // (on a loaded CI machine it once took 2 s).
  await row.locator('.status', { hasText: 'PAID' }).waitFor({ timeout: 5000 });
  console.log(`# the order was on the board as PAID ${Date.now() - placed} ms after it was placed`);

  await row.getByRole('combobox').selectOption(BOARD_COURIER);
  await row.getByRole('button', { name: 'Dispatch' }).click();
  await row.locator('.status', { hasText: 'DISPATCHED' }).waitFor({ timeout: 10000 });
  await courier.locator('.order', { hasText: order.id.slice(0, 8) }).waitFor({ timeout: 15000 });

  const position = courier.locator('.position');
  const start = await position.textContent();
  await page.waitForFunction(([sel, before]) => document.querySelector(sel)?.textContent !== before,
    [`#couriers tr[data-device-id="${BOARD_COURIER}"] .position`, start], { timeout: 30000 });
  await row.locator('.status', { hasText: 'DELIVERED' }).waitFor({ timeout: DELIVERY_MS });

  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: 'screenshots/board.png', fullPage: true });
  assert.deepEqual(errors, []);
});

test('the board works at phone width', async () => {
  const errors = [];
  const page = await newPage(browser, errors, PHONE);
  await logIn(page, 'olga', 'operator');
  await page.locator('#feed-state[data-state="connected"]').waitFor({ timeout: 15000 });
  await page.locator('#couriers tbody tr').first().waitFor({ timeout: 30000 });
  await assertFitsWidth(page);
  assert.deepEqual(errors, []);
});

test('the board user cannot send to the broker', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await logIn(page, 'olga', 'operator');
  await page.locator('#feed-state[data-state="connected"]').waitFor({ timeout: 15000 });
  const answer = await page.evaluate(async () => {
    const { StompClient } = await import('/js/stomp.js');
    const connection = await (await fetch('/api/board/connection', {
      headers: { Authorization: `Bearer ${sessionStorage.getItem('dispatch.token')}` } })).json();
    return new Promise((resolve) => {
      const client = new StompClient({ ...connection, reconnectMs: 60000, onState(state, detail) {
        if (state === 'connected') client.send('SEND', { destination: '/topic/order-events', receipt: 'r1' }, '{"forged":true}');
        if (state === 'error') { client.disconnect(); resolve(detail); }
      }, onFrame(frame) { if (frame.command === 'RECEIPT') resolve('RECEIPT'); } });
      client.connect();
    });
  });
  assert.match(answer, /permission|send/i);
  assert.deepEqual(errors, []);
});
