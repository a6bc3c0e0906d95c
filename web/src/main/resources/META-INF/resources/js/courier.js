// The courier's page: the orders dispatched to their device and not yet delivered (notification-service's
// GET /api/calls/orders: the orders one may call about) with "Call customer", and the calls that come in.
import { settings, requireRole, api, protocolsPanel, el } from './session.js';
import { startCalls } from './calls.js';
import { callButton } from './call-panel.js';

const REFRESH_MS = 15000;

const who = requireRole('courier');
document.getElementById('who').textContent = who.name;
protocolsPanel(document.getElementById('protocols'), [
  ['REST', 'your deliveries and the ICE servers for a call (notification-service /api/calls/...)'],
  ['WebSocket (signalling)', 'setting up a call with a customer: offer, answer, ICE candidates (notification-service)'],
  ['WebRTC', 'the call itself, browser to browser (RTP packets both ways)'],
]);

const s = await settings();
const deliveries = new Map(); // orderId -> customerId
const calls = startCalls({ notificationUrl: s.notificationUrl, me: who, element: document.getElementById('call'),
  // A call about an order the list does not show yet (dispatched since the last look): show it.
  onIncoming(call) { if (call.orderId && !deliveries.has(call.orderId)) load(); } });

function show() {
  const list = document.getElementById('deliveries');
  list.replaceChildren(...[...deliveries].map(([orderId, customerId]) => {
    const short = orderId.slice(0, 8);
    const item = el('li', { 'data-order-id': orderId }, `Order ${short} for ${customerId || 'a customer'} `);
    item.append(callButton('Call customer', `Call customer of order ${short}`,
      () => calls.call(orderId, 'customer', `the customer (${customerId || short})`)));
    return item;
  }));
  document.getElementById('no-deliveries').hidden = deliveries.size > 0;
}

async function load() {
  const error = document.getElementById('deliveries-error');
  try {
    const answer = await api(s.notificationUrl, '/api/calls/orders');
    deliveries.clear();
    for (const order of answer.orders || []) deliveries.set(order.orderId, order.customerId);
    error.textContent = '';
    show();
  } catch (e) {
    error.textContent = `Could not load your deliveries: ${e.message}`;
  }
}

document.getElementById('refresh').addEventListener('click', load);
await load();
setInterval(load, REFRESH_MS);
window.dispatchCourier = { deliveries, load };
