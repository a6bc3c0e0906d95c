// The login page: a courier logs in with their device id; where there is no local login (production), a user pastes a
// token from their identity provider, and the page says clearly what is wrong with a bad one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, logIn, token, WEB } from './support.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
/** A token of the right shape, unsigned: the page checks only the shape; the services check the signature. */
const unsigned = (payload) => `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function paste(page, text) {
  await page.getByLabel(/^Token/).fill(text);
  await page.getByRole('button', { name: 'Use this token' }).click();
}

test('a pasted token is checked: a clear error for a bad one, the page of its role for a good one', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${WEB}/`);
  const error = page.locator('#paste-error');

  await paste(page, 'not-a-token');
  await error.filter({ hasText: 'not a JWT' }).waitFor();
  await paste(page, unsigned({ sub: 'alice', groups: ['customer'], exp: Math.floor(Date.now() / 1000) - 60 }));
  await error.filter({ hasText: 'expired' }).waitFor();
  await paste(page, unsigned({ sub: 'alice', groups: ['admin'], exp: inAnHour() }));
  await error.filter({ hasText: 'none of the roles' }).waitFor();
  await paste(page, unsigned({ groups: ['customer'], exp: inAnHour() }));
  await error.filter({ hasText: 'no subject' }).waitFor();
  await paste(page, unsigned({ sub: 'alice', groups: ['customer'] }));
  await error.filter({ hasText: 'no expiry' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('dispatch.token')), null, 'no bad token is kept');

  // A real token (as an identity provider would give it; here the local run's) takes the user to their page.
  const courier = `courier-paste-${Date.now()}`;
  await paste(page, `Bearer ${await token(courier, 'courier')}`);
  await page.waitForURL('**/courier.html');
  await page.locator('#who', { hasText: courier }).waitFor();
  await page.locator('#call-socket[data-state="connected"]').waitFor({ timeout: 15000 });
  await page.goto(`${WEB}/`);
  await paste(page, await token('olga', 'operator'));
  await page.waitForURL('**/board.html');
  await page.locator('#feed-state[data-state="connected"]').waitFor({ timeout: 15000 });
  assert.deepEqual(errors, []);
});

test('a courier logs in with their device id; a name that cannot be one is refused on the page', async () => {
  const errors = [];
  const page = await newPage(browser, errors);
  await page.goto(`${WEB}/`);
  await page.getByLabel('Name').fill('Courier-1'); // a fine name, but no device id (upper case)
  await page.getByLabel('Role').selectOption('courier');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#login-error', { hasText: 'id of their device' }).waitFor();
  assert.ok(page.url().endsWith('/'), page.url());

  await logIn(page, 'courier-1', 'courier');
  await page.locator('#who', { hasText: 'courier-1' }).waitFor();
  await page.locator('#deliveries-title').waitFor();
  assert.deepEqual(errors, []);
});
