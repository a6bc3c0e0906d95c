import { settings, requireRole, api, graphql, count, protocolsPanel, el, token } from './session.js';
import { GraphQLSubscriptions } from './graphql-ws.js';
import { CourierMap } from './map.js';
import { PLACES, distanceKm } from './places.js';
import { startCalls } from './calls.js';

const ORDER = 'dispatch.order';
const ITEMS = { 'VAX-COOLER-01': ['Insulated vaccine cooler', 1250], 'FLOWERS-01': ['Flowers', 2400] };
const TYPES = ['placed', 'paid', 'payment-declined', 'payment-failed', 'dispatched', 'delivered', 'cancelled']
  .map((t) => `dispatch.order.${t}`).concat(['dispatch.delivery.progress', 'dispatch.delivery.completed']);

const who = requireRole('customer');
document.getElementById('who').textContent = who.name;
protocolsPanel(document.getElementById('protocols'), [
  ['REST', 'placing the order'],
  ['GraphQL', 'one query for the whole screen; the courier\'s position and ETA as a subscription'],
  ['SSE', 'the status timeline, resumed after a reconnect (Last-Event-ID)'],
  ['WebSocket', 'notifications, each acknowledged'],
  ['WebSocket (signalling)', 'setting up a call with your courier: offer, answer, ICE candidates (notification-service)'],
  ['WebRTC', 'the call itself, browser to browser (RTP packets both ways)'],
]);

const s = await settings();
const calls = startCalls({ notificationUrl: s.notificationUrl, me: who, element: document.getElementById('call') });
const callCourier = document.getElementById('call-courier');
let orderStatus = null;
let courierId = null;
callCourier.addEventListener('click', () => calls.call(orderId, 'courier', `the courier (${courierId})`));
const map = new CourierMap(document.getElementById('map'));
const subscriptions = new GraphQLSubscriptions(`${s.gatewayUrl.replace(/^http/, 'ws')}/graphql`, token());
subscriptions.connect();
let orderId = sessionStorage.getItem(ORDER);
let destination = PLACES[0];
const placeTo = document.getElementById('place-to');
PLACES.forEach((p, i) => placeTo.append(el('option', { value: String(i) }, `${p.street}, ${p.postalCode} ${p.city}`)));
let stopTelemetry = null;
let stopOrder = null;
let watchedDevice = null;

function showStatus(status) {
  orderStatus = status;
  document.getElementById('order-status').textContent = status;
  // A call belongs to an order on its way: dispatched, not yet delivered.
  callCourier.hidden = status !== 'DISPATCHED';
}

function addToTimeline(text, status, id) {
  const list = document.getElementById('timeline');
  if (id && list.querySelector(`[data-id="${id}"]`)) return; // SSE may send it again after a resume
  list.append(el('li', { 'data-status': status || '', ...(id ? { 'data-id': id } : {}) }, text));
}

function watchCourier(deviceId) {
  if (!deviceId || deviceId === watchedDevice) return;
  watchedDevice = deviceId;
  courierId = deviceId;
  document.getElementById('courier').textContent = deviceId;
  stopTelemetry?.();
  stopTelemetry = subscriptions.subscribe(
    'subscription($d: ID!) { deviceTelemetry(deviceId: $d) { latitude longitude cargoTemperatureC deviceTime } }', { d: deviceId }, {
      next(payload) {
        count('GraphQL');
        const r = payload.data?.deviceTelemetry;
        if (!r) return;
        map.put('courier', r.latitude, r.longitude, 'courier', deviceId);
        const km = distanceKm(r.latitude, r.longitude, destination.latitude, destination.longitude);
        // ETA at a city courier's 20 km/h.
        document.getElementById('eta').textContent = `${km.toFixed(2)} km away, about ${Math.max(1, Math.round((km / 20) * 60))} min`;
      },
    });
}

async function follow(id) {
  orderId = id;
  sessionStorage.setItem(ORDER, id);
  document.getElementById('order-id').textContent = id.slice(0, 8);
  // One query for the whole screen.
  const data = await graphql(s.gatewayUrl, `query($id: ID!) { order(id: $id) {
      id status deviceId deliveryAddress { latitude longitude street city }
      payment { status } delivery { deviceId lastPosition { latitude longitude } } } }`, { id });
  const order = data.order;
  if (!order) throw new Error('no such order');
  destination = order.deliveryAddress;
  map.put('destination', destination.latitude, destination.longitude, 'destination', destination.street);
  showStatus(order.status);
  watchCourier(order.deviceId);
  openStream(id);
  stopOrder?.();
  stopOrder = subscriptions.subscribe('subscription($id: ID!) { orderUpdated(orderId: $id) { eventType order { status deviceId } } }', { id }, {
    next(payload) {
      count('GraphQL');
      const update = payload.data?.orderUpdated;
      if (!update) return;
      showStatus(update.order.status);
      watchCourier(update.order.deviceId);
    },
  });
}

// The timeline: SSE. The browser resumes a dropped stream by itself (Last-Event-ID); a new page (a reload, a new
// order) asks for the order's whole history first (lastEventId=0), then live; back online after a drop, the page
// opens the stream again from the last event it showed (lastEventId).
const sseState = document.getElementById('sse-state');
let stream = null;
let lastSeen = '0';
function openStream(forOrder, after = '0') {
  stream?.close();
  lastSeen = after;
  const params = new URLSearchParams({ access_token: token() });
  if (forOrder) {
    params.set('orderId', forOrder);
    params.set('lastEventId', after);
  }
  stream = new EventSource(`${s.notificationUrl}/api/notifications/stream?${params}`);
  stream.onopen = () => { sseState.dataset.state = 'connected'; sseState.textContent = '(SSE live)'; };
  stream.onerror = () => { sseState.dataset.state = 'reconnecting'; sseState.textContent = '(SSE reconnecting)'; };
  for (const type of TYPES) {
    stream.addEventListener(type, (event) => {
      count('SSE');
      const n = JSON.parse(event.data);
      if (n.orderId !== orderId) return;
      lastSeen = event.lastEventId;
      const status = n.data?.status;
      addToTimeline(`${new Date(n.time).toLocaleTimeString()} ${n.text}`, status, n.id);
      if (status) showStatus(status);
    });
  }
}

// A connection may outlive a network drop half-dead: when the browser says it is offline, stop; when back, resume.
window.addEventListener('offline', () => {
  stream?.close();
  sseState.dataset.state = 'reconnecting';
  sseState.textContent = '(SSE offline: resumes when back)';
});
window.addEventListener('online', () => openStream(orderId, lastSeen));

// Notifications over the WebSocket, each acknowledged once shown.
function notifications() {
  const ws = new WebSocket(`${s.notificationUrl.replace(/^http/, 'ws')}/ws/notifications?access_token=${encodeURIComponent(token())}`);
  const state = document.getElementById('ws-state');
  ws.onopen = () => { state.dataset.state = 'connected'; state.textContent = '(WebSocket live)'; };
  ws.onclose = () => { state.dataset.state = 'reconnecting'; state.textContent = '(WebSocket reconnecting)'; setTimeout(notifications, 2000); };
  ws.onmessage = (event) => {
    count('WebSocket');
    const message = JSON.parse(event.data);
    if (message.type !== 'notification') return;
    const n = message.notification;
    const item = el('li', { 'data-id': n.id }, n.text + ' ');
    const ack = el('button', { type: 'button' }, 'OK');
    ack.addEventListener('click', () => {
      ws.send(JSON.stringify({ type: 'ack', ids: [n.id] }));
      count('WebSocket');
      item.remove();
    });
    item.append(ack);
    document.getElementById('notifications').prepend(item);
  };
}
notifications();

document.getElementById('place').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('place-result');
  const sku = document.getElementById('item').value;
  const [name, price] = ITEMS[sku];
  const place = PLACES[Number(placeTo.value)];
  try {
    const order = await api(s.gatewayUrl, '/api/orders', {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ items: [{ sku, name, quantity: 1, unitPriceMinor: price }], currency: 'EUR',
        deliveryAddress: place, paymentToken: 'tok_approve' }),
    });
    result.textContent = `placed: ${order.status}`;
    document.getElementById('timeline').replaceChildren();
    watchedDevice = null;
    document.getElementById('courier').textContent = 'not yet assigned';
    await follow(order.id);
  } catch (e) {
    result.textContent = e.message;
  }
});

if (orderId) {
  follow(orderId).catch(() => { // not (or no longer) this customer's order
    orderId = null;
    sessionStorage.removeItem(ORDER);
    document.getElementById('order-id').textContent = 'none yet';
    openStream(null);
  });
} else {
  openStream(null);
}
window.dispatchTracking = { get orderId() { return orderId; }, get status() { return orderStatus; } };
