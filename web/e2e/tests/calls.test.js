// Calls in real browsers: a customer and the courier of their order, each in a browser context of their own with a
// fake camera and microphone, call each other from the pages; getStats() must show the connection up and media
// flowing both ways, peer to peer. Signalling goes through notification-service's /ws/calls.
//
// The courier here is not a simulated one: the order is dispatched to a device id made up for the test, which no
// simulator drives, so the order stays DISPATCHED (callable) however long a test takes, and the simulated couriers
// of the other tests are left alone. (A simulated courier at BrowserIT's 30 m/s delivers within a minute, and a
// delivered order can no longer be called about.)
//
// Environment (besides support.js's): DISPATCH_E2E_TURN=1 makes the relay test required (the run has a TURN server,
// e.g. BrowserIT's coturn); unset, it runs only if notification-service hands out a TURN server, else it is skipped
// and says why. DISPATCH_E2E_NOTIFICATION_URL_2: a second notification-service instance (same database) for the
// two-replica test; unset, that test is skipped and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { launch, newPage, logIn, token, placeOrder, dispatch, assertFitsWidth, WEB, GATEWAY, PHONE } from './support.js';

const TURN_REQUIRED = process.env.DISPATCH_E2E_TURN === '1';
const NOTIFICATION_2 = process.env.DISPATCH_E2E_NOTIFICATION_URL_2 || '';
const CALL_MS = 30000;

// The signalling contract (contracts/websocket/call-signal.v1.json): every frame the pages send on /ws/calls must be a
// client's message, every frame they receive a server's; the last test checks what all the others recorded.
const CONTRACT = JSON.parse(readFileSync(new URL('../../../contracts/websocket/call-signal.v1.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, formats: { uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i } });
ajv.addSchema(CONTRACT);
const SIGNALS = { sent: [], received: [] };

/** Records the page's /ws/calls frames, both ways, for the contract test at the end. */
function recordSignals(page) {
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/ws/calls')) return;
    ws.on('framesent', (frame) => SIGNALS.sent.push(frame.payload));
    ws.on('framereceived', (frame) => SIGNALS.received.push(frame.payload));
  });
}

let browser;
before(async () => { browser = await launch({ media: true }); });
after(async () => { await browser?.close(); });

const unique = (prefix) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1000)}`;
const callState = (page, state, timeout = CALL_MS) => page.locator(`#call-state[data-state="${state}"]`).waitFor({ timeout });
const signalling = (page) => page.locator('#call-socket[data-state="connected"]').waitFor({ timeout: 15000 });

async function orderStatus(customerToken, orderId) {
  const response = await fetch(`${GATEWAY}/api/orders/${orderId}`, { headers: { Authorization: `Bearer ${customerToken}` } });
  return (await response.json()).status;
}

/** An order of a new customer, paid and dispatched to a courier device no simulator drives. */
async function dispatchedOrder() {
  const customer = unique('alice');
  const courier = unique('callee');
  const customerToken = await token(customer, 'customer');
  const order = await placeOrder(customerToken);
  const deadline = Date.now() + 15000;
  while ((await orderStatus(customerToken, order.id)) !== 'PAID') {
    if (Date.now() > deadline) throw new Error(`order ${order.id} was not PAID within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await dispatch(await token('olga', 'operator'), order.id, courier);
  return { customer, courier, orderId: order.id };
}

/** The customer's tracking page on the order, once notification-service has the order as DISPATCHED (its SSE says so). */
async function customerPage(errors, { customer, orderId }, query = '') {
  const page = await newPage(browser, errors, PHONE, 'customer');
  recordSignals(page);
  await logIn(page, customer, 'customer');
  await page.evaluate((id) => sessionStorage.setItem('dispatch.order', id), orderId);
  await page.goto(`${WEB}/track.html${query}`);
  await page.locator('#timeline li[data-status="DISPATCHED"]').waitFor({ timeout: 30000 });
  await signalling(page);
  return page;
}

/** The courier's page; settings: what /api/settings should say instead (e.g. another notification-service). */
async function courierPage(errors, { courier }, query = '', settings = null) {
  const page = await newPage(browser, errors, PHONE, 'courier');
  recordSignals(page);
  if (settings) {
    await page.route('**/api/settings', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), ...settings } });
    });
  }
  await logIn(page, courier, 'courier');
  if (query) await page.goto(`${WEB}/courier.html${query}`);
  await signalling(page);
  return page;
}

/** The caller calls (a click on `button`), the callee answers from its call panel; both get to connected. */
async function callAndAnswer(caller, button, callee) {
  await button.click();
  await callState(callee, 'incoming');
  const answer = callee.getByRole('button', { name: 'Answer' });
  await answer.waitFor({ state: 'visible' });
  await callee.waitForFunction(() => !document.getElementById('call-answer').disabled, null, { timeout: 10000 });
  await answer.click();
  await Promise.all([callState(caller, 'connected'), callState(callee, 'connected')]);
}

/** What one side's getStats() says: the connection, what it received, and the selected candidate pair. */
function mediaStats(page) {
  return page.evaluate(async () => {
    const pc = window.dispatchCall.pc;
    const report = await pc.getStats();
    const out = { connectionState: pc.connectionState, framesDecoded: 0, audioPacketsReceived: 0, videoPacketsSent: 0, audioPacketsSent: 0 };
    let pair = null;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
      if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioPacketsReceived += s.packetsReceived || 0;
      if (s.type === 'outbound-rtp' && s.kind === 'video') out.videoPacketsSent += s.packetsSent || 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.audioPacketsSent += s.packetsSent || 0;
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId);
    });
    if (!pair) report.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
    out.localCandidateType = pair ? report.get(pair.localCandidateId)?.candidateType : null;
    out.remoteCandidateType = pair ? report.get(pair.remoteCandidateId)?.candidateType : null;
    return out;
  });
}

/** Video frames decoded and audio packets received keep growing on BOTH sides, over two seconds. */
async function assertMediaFlowsBothWays(a, b) {
  await a.waitForTimeout(1500); // the first frames take a moment after connected
  const first = [await mediaStats(a), await mediaStats(b)];
  await a.waitForTimeout(2000);
  const then = [await mediaStats(a), await mediaStats(b)];
  ['first page', 'second page'].forEach((side, i) => {
    assert.equal(then[i].connectionState, 'connected', `${side}: ${JSON.stringify(then[i])}`);
    assert.ok(then[i].framesDecoded > first[i].framesDecoded,
      `${side} decodes no new video frames: ${first[i].framesDecoded} then ${then[i].framesDecoded}`);
    assert.ok(then[i].audioPacketsReceived > first[i].audioPacketsReceived,
      `${side} receives no new audio packets: ${first[i].audioPacketsReceived} then ${then[i].audioPacketsReceived}`);
  });
  return then;
}

const counted = (page, protocol) => page.evaluate((p) => Number(document.querySelector(`[data-protocol="${p}"]`)?.textContent || 0), protocol);

test('a customer calls the courier of their order: video and audio flow both ways, peer to peer; hang-up ends both sides', { timeout: 180000 }, async () => {
  const errors = [];
  const order = await dispatchedOrder();
  const courier = await courierPage(errors, order);
  const customer = await customerPage(errors, order);
  await callAndAnswer(customer, customer.getByRole('button', { name: 'Call courier' }), courier);
  assert.match(await courier.locator('#call-state').textContent(), new RegExp(`customer \\(${order.customer}\\)`));
  await assertMediaFlowsBothWays(customer, courier);

  // The panel shows the stats and counts the protocols; it fits a phone.
  await customer.locator('#call-stats [data-stat="rtt"]', { hasText: 'ms' }).waitFor({ timeout: 5000 });
  await customer.locator('#call-stats [data-stat="in"]', { hasText: 'kbit/s' }).waitFor({ timeout: 5000 });
  assert.ok(await counted(customer, 'WebRTC') > 0, 'the protocols panel counts WebRTC packets');
  assert.ok(await counted(courier, 'WebSocket (signalling)') > 0, 'the protocols panel counts signalling messages');
  await assertFitsWidth(customer);
  await assertFitsWidth(courier);

  // Keyboard: the mute and camera toggles say their state.
  await courier.getByRole('button', { name: 'Mute' }).press('Enter');
  assert.equal(await courier.locator('#call-mute').getAttribute('aria-pressed'), 'true');

  await customer.getByRole('button', { name: 'Hang up' }).click();
  await Promise.all([callState(customer, 'ended', 10000), callState(courier, 'ended', 10000)]);
  assert.equal(await courier.locator('#call-state').getAttribute('data-reason'), 'hangup');
  assert.equal(await courier.evaluate(() => window.dispatchCall.pc.connectionState), 'closed');
  assert.deepEqual(errors, []);
});

test('a third party can neither call about an order nor signal into its call; the courier hangs up, both sides end', { timeout: 180000 }, async () => {
  const errors = [];
  const order = await dispatchedOrder();
  const courier = await courierPage(errors, order);
  const customer = await customerPage(errors, order);
  await callAndAnswer(customer, customer.getByRole('button', { name: 'Call courier' }), courier);
  const callId = await courier.evaluate(() => window.dispatchCall.callId);

  // Bob, another customer, with a raw WebSocket from his own page: calling about the order, hanging up or sending a
  // candidate into the call are refused (not-a-party), and neither peer hears anything of it.
  const bob = await newPage(browser, errors, undefined, 'bob');
  const bobName = unique('bob');
  await logIn(bob, bobName, 'customer');
  const since = Date.now();
  const answers = await bob.evaluate(async ({ orderId, callId: id }) => {
    const s = await (await fetch('/api/settings')).json();
    const ws = new WebSocket(`${s.notificationUrl.replace(/^http/, 'ws')}/ws/calls?access_token=${encodeURIComponent(sessionStorage.getItem('dispatch.token'))}`);
    const received = [];
    ws.onmessage = (e) => received.push(JSON.parse(e.data));
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('bob could not connect')); });
    ws.send(JSON.stringify({ type: 'call', callId: crypto.randomUUID(), orderId, media: 'video' }));
    ws.send(JSON.stringify({ type: 'offer', callId: id, sdp: 'v=0' }));
    ws.send(JSON.stringify({ type: 'candidate', callId: id, candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } }));
    ws.send(JSON.stringify({ type: 'hangup', callId: id }));
    const deadline = Date.now() + 5000;
    while (received.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    ws.close();
    return received;
  }, { orderId: order.orderId, callId });
  assert.equal(answers.length, 4, `bob got an answer to each of his 4 messages: ${JSON.stringify(answers)}`);
  for (const answer of answers) {
    assert.equal(answer.type, 'error', JSON.stringify(answer));
    assert.equal(answer.code, 'not-a-party', JSON.stringify(answer));
  }
  await bob.waitForTimeout(1000);
  for (const [side, page] of [['customer', customer], ['courier', courier]]) {
    // (late ICE candidates of the real peer may still trickle in: anything else, or anything from bob, is wrong)
    const heard = await page.evaluate(({ t, name }) => window.dispatchCall.received
      .filter((m) => m.at >= t && (m.from?.id === name || m.type !== 'candidate')), { t: since, name: bobName });
    assert.deepEqual(heard, [], `the ${side} heard nothing of bob`);
    assert.equal(await page.evaluate(() => window.dispatchCall.state), 'connected', `the ${side}'s call goes on`);
  }

  await courier.getByRole('button', { name: 'Hang up' }).click();
  await Promise.all([callState(customer, 'ended', 10000), callState(courier, 'ended', 10000)]);
  assert.equal(await customer.locator('#call-state').getAttribute('data-reason'), 'hangup');
  assert.deepEqual(errors, []);
});

test('the courier page lists the order with "Call customer"; the customer declines, the courier hears busy', { timeout: 180000 }, async () => {
  const errors = [];
  const order = await dispatchedOrder();
  const customer = await customerPage(errors, order);
  const courier = await courierPage(errors, order);
  const delivery = courier.locator(`#deliveries li[data-order-id="${order.orderId}"]`);
  // The page refreshes its list every 15 s: the order's parties reach notification-service asynchronously.
  await delivery.waitFor({ timeout: 40000 }).catch(() => {
    throw new Error(`the courier page does not list order ${order.orderId} (notification-service's GET /api/calls/orders)`);
  });
  assert.match(await delivery.textContent(), new RegExp(order.customer));
  await delivery.getByRole('button', { name: 'Call customer' }).click();
  await callState(customer, 'incoming');
  assert.match(await customer.locator('#call-state').textContent(), new RegExp(`from the courier \\(${order.courier}\\)`));
  await customer.getByRole('button', { name: 'Decline' }).click();
  await Promise.all([callState(customer, 'ended', 10000), callState(courier, 'ended', 10000)]);
  assert.equal(await courier.locator('#call-state').getAttribute('data-reason'), 'busy');
  assert.deepEqual(errors, []);
});

test('with ?relay=1 the media goes through TURN: the selected candidate pair is a relay one', { timeout: 180000 }, async (t) => {
  const errors = [];
  const order = await dispatchedOrder();
  const courier = await courierPage(errors, order, '?relay=1');
  const turn = await courier.evaluate(async () => {
    const s = await (await fetch('/api/settings')).json();
    const answer = await (await fetch(`${s.notificationUrl}/api/calls/ice-servers`, {
      headers: { Authorization: `Bearer ${sessionStorage.getItem('dispatch.token')}` } })).json();
    return answer.iceServers.some((server) => [].concat(server.urls).some((u) => /^turns?:/.test(u)));
  });
  if (!turn) {
    assert.ok(!TURN_REQUIRED, 'DISPATCH_E2E_TURN=1 but notification-service hands out no TURN server (DISPATCH_CALLS_TURN_URLS, _SECRET)');
    t.skip('no TURN server in GET /api/calls/ice-servers (set DISPATCH_E2E_TURN=1 to require one)');
    return;
  }
  const customer = await customerPage(errors, order, '?relay=1');
  assert.equal(await customer.evaluate(() => window.dispatchCall.relay), true);
  await callAndAnswer(customer, customer.getByRole('button', { name: 'Call courier' }), courier);
  const [a, b] = await assertMediaFlowsBothWays(customer, courier);
  assert.equal(a.localCandidateType, 'relay', `customer's selected pair: ${JSON.stringify(a)}`);
  assert.equal(b.localCandidateType, 'relay', `courier's selected pair: ${JSON.stringify(b)}`);
  await customer.locator('#call-stats [data-stat="path"]', { hasText: 'relay' }).waitFor({ timeout: 5000 });
  await courier.getByRole('button', { name: 'Hang up' }).click();
  await Promise.all([callState(customer, 'ended', 10000), callState(courier, 'ended', 10000)]);
  assert.deepEqual(errors, []);
});

test('the peers connect when their pages use two different notification-service instances', { timeout: 180000 }, async (t) => {
  if (!NOTIFICATION_2) {
    t.skip('DISPATCH_E2E_NOTIFICATION_URL_2 is not set (a second notification-service on the same database)');
    return;
  }
  const errors = [];
  const order = await dispatchedOrder();
  const courier = await courierPage(errors, order, '', { notificationUrl: NOTIFICATION_2 });
  assert.equal(await courier.evaluate(async () => (await (await fetch('/api/settings')).json()).notificationUrl), NOTIFICATION_2);
  const customer = await customerPage(errors, order);
  await callAndAnswer(customer, customer.getByRole('button', { name: 'Call courier' }), courier);
  await assertMediaFlowsBothWays(customer, courier);
  await courier.getByRole('button', { name: 'Hang up' }).click();
  await Promise.all([callState(customer, 'ended', 10000), callState(courier, 'ended', 10000)]);
  assert.deepEqual(errors, []);
});

test('every signalling message the pages sent and received in these calls matches the contract', () => {
  const toServer = ajv.getSchema(`${CONTRACT.$id}#/$defs/toServer`);
  const toClient = ajv.getSchema(`${CONTRACT.$id}#/$defs/toClient`);
  const types = (frames) => new Set(frames.map((f) => JSON.parse(f).type));
  // The calls above exercised the whole protocol, so the check is not vacuous.
  assert.deepEqual([...types(SIGNALS.sent)].sort(), ['answer', 'busy', 'call', 'candidate', 'hangup', 'offer', 'ringing']);
  for (const t of ['call', 'offer', 'answer', 'candidate', 'ringing', 'hangup']) assert.ok(types(SIGNALS.received).has(t), `no ${t} received`);
  for (const [frames, validate, side] of [[SIGNALS.sent, toServer, 'sent by a page'], [SIGNALS.received, toClient, 'received by a page']]) {
    for (const frame of frames) {
      assert.ok(validate(JSON.parse(frame)), `a message ${side} breaks the contract: ${frame.slice(0, 300)}\n${ajv.errorsText(validate.errors)}`);
    }
  }
});
