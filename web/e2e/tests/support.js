// What every browser test needs: Debian's Chromium (never a downloaded browser), the system's addresses, tokens.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';

// The drop-off points as the tracking page lists them, from the page's own module (as a data: URL: the pages' folder
// has no package.json saying its .js files are ES modules, and Node 18 would not guess).
const places = readFileSync(new URL('../../src/main/resources/META-INF/resources/js/places.js', import.meta.url), 'utf8');
const { PLACES, distanceKm } = await import(`data:text/javascript,${encodeURIComponent(places)}`);
export { PLACES };

export const WEB = process.env.DISPATCH_WEB_URL || 'http://127.0.0.1:8085';
export const GATEWAY = process.env.DISPATCH_GATEWAY_URL || 'http://127.0.0.1:8080';
// The board test drives one simulated courier, the tracking test another (bin/run --simulate 2).
export const BOARD_COURIER = process.env.DISPATCH_E2E_BOARD_COURIER || 'courier-1';
export const TRACKING_COURIER = process.env.DISPATCH_E2E_TRACKING_COURIER || 'courier-2';
// A simulated courier drives at 12 m/s unless told otherwise: a minute or two for the next drop-off point.
export const DELIVERY_MS = Number(process.env.DISPATCH_E2E_DELIVERY_SECONDS || 150) * 1000;
export const PHONE = { width: 390, height: 844 };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// For calls: a fake camera (a test pattern) and microphone (a beep), granted without asking, and WebRTC allowed to
// connect over the loopback interface (both peers are on this machine).
const MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required'];

export function launch({ media = false } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...(media ? MEDIA : [])],
  });
}

/** A page that fails the test on any console error or uncaught exception (each tagged with the page's name, if given). */
export async function newPage(browser, errors, viewport = { width: 1280, height: 900 }, name = '') {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const tag = name ? `${name}: ` : '';
  page.on('console', (m) => m.type() === 'error' && errors.push(tag + m.text()));
  page.on('pageerror', (e) => errors.push(tag + e.message));
  return page;
}

export const HOME = { operator: '/board.html', courier: '/courier.html', customer: '/track.html' };

export async function logIn(page, name, role) {
  await page.goto(`${WEB}/`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`**${HOME[role]}`);
}

export async function token(name, role) {
  const response = await fetch(`${WEB}/api/local-login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, role }),
  });
  if (!response.ok) throw new Error(`local login: ${response.status}`);
  return (await response.json()).token;
}

/** Where a courier is now, as the gateway knows it (an operator's GraphQL query). */
export async function courierPosition(operatorToken, deviceId) {
  const response = await fetch(`${GATEWAY}/graphql`, {
    method: 'POST', headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'query($id: ID!) { device(id: $id) { latest { latitude longitude } } }', variables: { id: deviceId } }),
  });
  const latest = (await response.json()).data?.device?.latest;
  if (!latest) throw new Error(`${deviceId} has reported no position: is the system running with simulated couriers (--simulate 2)?`);
  return latest;
}

/** The index (in PLACES, as the tracking page lists them) of the nearest drop-off point at least 200 m away. */
export function placeNear({ latitude, longitude }) {
  const far = PLACES.map((p, i) => ({ i, km: distanceKm(latitude, longitude, p.latitude, p.longitude) })).filter((d) => d.km >= 0.2);
  return far.sort((a, b) => a.km - b.km)[0].i;
}

/** Nothing wider than the screen: the page scrolls only down. */
export async function assertFitsWidth(page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  if (scroll > width) throw new Error(`the page is ${scroll} px wide on a ${width} px screen`);
}

export async function placeOrder(customerToken, place = PLACES[0]) {
  const response = await fetch(`${GATEWAY}/api/orders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${customerToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ items: [{ sku: 'VAX-COOLER-01', name: 'Cooler', quantity: 1, unitPriceMinor: 1250 }], currency: 'EUR',
      deliveryAddress: place,
      paymentToken: 'tok_approve' }),
  });
  if (response.status !== 201) throw new Error(`place order: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function dispatch(operatorToken, orderId, deviceId) {
  const response = await fetch(`${GATEWAY}/api/orders/${orderId}/dispatch`, {
    method: 'POST', headers: { Authorization: `Bearer ${operatorToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ deviceId }),
  });
  if (!response.ok) throw new Error(`dispatch: ${response.status} ${await response.text()}`);
}
