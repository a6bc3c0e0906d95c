// What every page shares: the services' addresses, the login kept for this browser tab (sessionStorage), calls to
// the gateway with the token, and the protocols panel's counters.

const TOKEN = 'dispatch.token';

export async function settings() {
  const response = await fetch('/api/settings');
  return response.json();
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

// The roles the pages know, strongest first (as the gateway ranks them): a token of several groups acts as the first.
export const ROLES = ['operator', 'courier', 'customer'];

function decodePart(part) {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/**
 * Who a token says its bearer is, or throws an Error saying what is wrong with it. Only its shape is checked here:
 * the page cannot check the signature (the services do, at every call).
 */
export function readToken(text) {
  const t = (text || '').trim().replace(/^Bearer\s+/i, '');
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t)) {
    throw new Error('This is not a JWT: expected three base64url parts separated by dots (header.payload.signature).');
  }
  let header;
  let payload;
  try {
    header = decodePart(t.split('.')[0]);
    payload = decodePart(t.split('.')[1]);
  } catch {
    throw new Error('This is not a JWT: its header or payload is not base64url-encoded JSON.');
  }
  if (!header || typeof header.alg !== 'string') throw new Error('This is not a JWT: its header names no algorithm (alg).');
  if (typeof payload?.sub !== 'string' || !payload.sub) throw new Error('The token names nobody: it has no subject (sub).');
  if (typeof payload.exp !== 'number') throw new Error('The token has no expiry (exp): the services refuse such tokens.');
  if (payload.exp * 1000 <= Date.now()) {
    throw new Error(`The token expired at ${new Date(payload.exp * 1000).toLocaleString()}: get a new one.`);
  }
  const groups = Array.isArray(payload.groups) ? payload.groups : [];
  const role = ROLES.find((r) => groups.includes(r));
  if (!role) {
    throw new Error(`The token's groups (${groups.join(', ') || 'none'}) hold none of the roles customer, operator, courier.`);
  }
  return { token: t, name: payload.sub, role, exp: payload.exp };
}

export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const { name, role, exp } = readToken(t);
    return { name, role, exp };
  } catch {
    return null;
  }
}

/** Keeps a token the user brings (where there is no local login); throws an Error saying what is wrong with it. */
export function useToken(text) {
  const who = readToken(text);
  sessionStorage.setItem(TOKEN, who.token);
  return who;
}

export async function login(name, role) {
  const response = await fetch('/api/local-login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, role }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title);
  sessionStorage.setItem(TOKEN, body.token);
  return body;
}

export function logout() {
  sessionStorage.removeItem(TOKEN);
}

/** Sends the user to the login page unless they are logged in with the role the page needs. */
export function requireRole(role) {
  const who = claims();
  if (!who || who.role !== role) {
    location.href = `/?need=${role}&back=${encodeURIComponent(location.pathname)}`;
    throw new Error('not logged in');
  }
  return who;
}

/** The page a role starts on. */
export function homeOf(role) {
  return { operator: '/board.html', courier: '/courier.html', customer: '/track.html' }[role] || '/';
}

export async function api(base, path, options = {}) {
  count('REST');
  const response = await fetch(base + path, {
    ...options,
    headers: { Authorization: `Bearer ${token()}`, ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(body?.detail || body?.title || response.statusText);
  return body;
}

export async function graphql(base, query, variables = {}) {
  count('GraphQL');
  const response = await fetch(`${base}/graphql`, {
    method: 'POST', headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

// --- the protocols panel --------------------------------------------------------------------------------------
const counts = new Map();
const listeners = [];

export function count(protocol) {
  setCount(protocol, (counts.get(protocol) || 0) + 1);
}

/** For counts read from elsewhere, e.g. the RTP packets of a call from getStats(). */
export function setCount(protocol, n) {
  counts.set(protocol, n);
  listeners.forEach((fn) => fn(protocol, n));
}

/** rows: [[protocol, what it carries]]; the panel shows each with its live message count. */
export function protocolsPanel(element, rows) {
  element.innerHTML = '<h2>Protocols at work</h2><table><thead><tr><th scope="col">protocol</th><th scope="col">carries</th>'
    + '<th scope="col">messages</th></tr></thead><tbody></tbody></table>';
  const body = element.querySelector('tbody');
  for (const [protocol, what] of rows) {
    const row = document.createElement('tr');
    row.innerHTML = '<th scope="row"></th><td></td><td class="count" data-protocol="">0</td>';
    row.children[0].textContent = protocol;
    row.children[1].textContent = what;
    row.children[2].dataset.protocol = protocol;
    body.append(row);
  }
  listeners.push((protocol, n) => {
    const cell = element.querySelector(`[data-protocol="${protocol}"]`);
    if (cell) cell.textContent = String(n);
  });
}

export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
