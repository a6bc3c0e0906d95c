import { settings, requireRole, api, graphql, count, protocolsPanel, el } from './session.js';
import { StompClient } from './stomp.js';
import { CourierMap } from './map.js';
import { startCalls } from './calls.js';
import { callButton } from './call-panel.js';

const who = requireRole('operator');
document.getElementById('who').textContent = who.name;
protocolsPanel(document.getElementById('protocols'), [
  ['STOMP', 'live orders, deliveries, alerts and positions, straight from the broker (consume only)'],
  ['GraphQL', 'the board\'s first picture: orders and couriers in one query'],
  ['REST', 'dispatch an order, send a device command'],
  ['WebSocket (signalling)', 'setting up a call with a customer or a courier (notification-service)'],
  ['WebRTC', 'the call itself, browser to browser (RTP packets both ways)'],
]);

const s = await settings();
const calls = startCalls({ notificationUrl: s.notificationUrl, me: who, element: document.getElementById('call') });
const map = new CourierMap(document.getElementById('map'));
const orders = new Map(); // id -> {status, deviceId}
const couriers = new Map(); // deviceId -> position

function showOrder(id, status, deviceId, destination) {
  const known = orders.get(id) || {};
  const order = { ...known, status: status || known.status, deviceId: deviceId ?? known.deviceId, destination: destination || known.destination };
  orders.set(id, order);
  let row = document.querySelector(`#orders tr[data-order-id="${id}"]`);
  if (!row) {
    row = el('tr', { 'data-order-id': id });
    row.append(el('td', {}, id.slice(0, 8)), el('td', { class: 'status' }), el('td', { class: 'courier' }), el('td', { class: 'dispatch' }));
    document.querySelector('#orders tbody').prepend(row);
  }
  row.querySelector('.status').textContent = order.status;
  row.querySelector('.courier').textContent = order.deviceId || '';
  const cell = row.querySelector('.dispatch');
  cell.replaceChildren();
  if (order.status === 'PAID') {
    const select = el('select', { 'aria-label': `Courier for order ${id.slice(0, 8)}` });
    for (const device of couriers.keys()) select.append(el('option', { value: device }, device));
    const button = el('button', { type: 'button' }, 'Dispatch');
    button.addEventListener('click', () => dispatch(id, select.value, cell));
    cell.append(select, ' ', button);
  }
  if (order.status === 'DISPATCHED') { // an operator may call either party of an order on its way
    const short = id.slice(0, 8);
    cell.append(
      callButton('Call customer', `Call customer of order ${short}`, () => calls.call(id, 'customer', `the customer of order ${short}`)),
      callButton('Call courier', `Call courier of order ${short}`, () => calls.call(id, 'courier', `the courier (${order.deviceId})`)));
  }
  if (order.destination && !['DELIVERED', 'CANCELLED', 'PAYMENT_DECLINED'].includes(order.status)) {
    map.put(`order:${id}`, order.destination.latitude, order.destination.longitude, 'destination', `order ${id.slice(0, 8)}`);
  } else {
    map.remove(`order:${id}`);
  }
}

async function dispatch(orderId, deviceId, cell) {
  try {
    await api(s.gatewayUrl, `/api/orders/${orderId}/dispatch`, { method: 'POST', body: JSON.stringify({ deviceId }) });
  } catch (e) {
    cell.append(el('span', { role: 'alert' }, ` ${e.message}`));
  }
}

function showPosition(p) {
  const first = !couriers.has(p.deviceId);
  couriers.set(p.deviceId, p);
  map.put(`courier:${p.deviceId}`, p.latitude, p.longitude, 'courier', p.deviceId);
  let row = document.querySelector(`#couriers tr[data-device-id="${p.deviceId}"]`);
  if (!row) {
    row = el('tr', { 'data-device-id': p.deviceId });
    row.append(el('td', {}, p.deviceId), el('td', { class: 'order' }), el('td', { class: 'position' }), el('td', { class: 'temperature' }));
    // In order of name (courier-2 before courier-10), so a row stays where the eye left it.
    const next = [...document.querySelectorAll('#couriers tbody tr')]
      .find((r) => r.dataset.deviceId.localeCompare(p.deviceId, undefined, { numeric: true }) > 0);
    document.querySelector('#couriers tbody').insertBefore(row, next || null);
  }
  row.querySelector('.order').textContent = p.orderId ? p.orderId.slice(0, 8) : '';
  row.querySelector('.position').textContent = `${p.latitude.toFixed(4)}, ${p.longitude.toFixed(4)}`;
  row.querySelector('.temperature').textContent = p.cargoTemperatureC?.toFixed(1) ?? '';
  if (first) { // a new courier can be picked for every PAID order
    for (const [id, o] of orders) if (o.status === 'PAID') showOrder(id);
  }
}

// The first picture, in one GraphQL query; the live feed keeps it current.
try {
  const data = await graphql(s.gatewayUrl, `{
    orders(first: 50) { nodes { id status deviceId deliveryAddress { latitude longitude } } }
    devices(first: 50, status: ONLINE) { nodes { id boundOrderId latest { latitude longitude cargoTemperatureC deviceTime } } }
  }`);
  for (const d of data.devices.nodes) {
    if (d.latest) showPosition({ deviceId: d.id, orderId: d.boundOrderId, ...d.latest });
  }
  for (const o of [...data.orders.nodes].reverse()) showOrder(o.id, o.status, o.deviceId, o.deliveryAddress);
} catch (e) {
  document.getElementById('orders-title').after(el('p', { role: 'alert' }, `Could not load orders: ${e.message}`));
}

const connection = await api(location.origin, '/api/board/connection');
const state = document.getElementById('feed-state');
const stomp = new StompClient({
  url: connection.url,
  login: connection.login,
  passcode: connection.passcode,
  onState(value, detail) {
    state.dataset.state = value;
    state.textContent = detail ? `${value}: ${detail}` : value;
  },
});
const body = (frame) => { count('STOMP'); return JSON.parse(frame.body); };
stomp.subscribe('order-events', '/topic/order-events', (frame) => {
  const event = body(frame);
  const o = event.data;
  showOrder(o.orderId, o.status, o.deviceId, o.deliveryAddress);
});
stomp.subscribe('delivery-events', '/topic/delivery-events', (frame) => {
  const event = body(frame);
  const row = document.querySelector(`#orders tr[data-order-id="${event.subject}"] .courier`);
  if (row && event.type === 'dispatch.delivery.progress' && event.data.remainingKm !== undefined) {
    row.title = `${event.data.remainingKm} km to go`;
  }
});
stomp.subscribe('device-alerts', '/topic/device-alerts', (frame) => {
  const event = body(frame);
  const item = el('li', {}, `${new Date(event.time).toLocaleTimeString()} ${event.subject}: ${event.type.replace('dispatch.', '')}`);
  document.getElementById('alerts').prepend(item);
});
stomp.subscribe('positions', '/topic/board.positions', (frame) => showPosition(body(frame)));
stomp.connect();
window.dispatchBoard = { stomp, orders, couriers };

document.getElementById('command').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = document.getElementById('command-result');
  const device = document.getElementById('command-device').value;
  try {
    const answer = await api(s.gatewayUrl, `/api/devices/${encodeURIComponent(device)}/commands`, {
      method: 'POST', body: JSON.stringify({ type: document.getElementById('command-type').value }),
    });
    result.textContent = `sent (${answer?.commandId?.slice(0, 8) ?? 'ok'})`;
  } catch (e) {
    result.textContent = e.message;
  }
});
