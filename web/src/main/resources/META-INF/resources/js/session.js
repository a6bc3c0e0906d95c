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

export function claims() {
  const t = token();
  if (!t) return null;
  try {
    const json = JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (json.exp * 1000 < Date.now()) return null;
    return { name: json.sub, role: (json.groups || [])[0], exp: json.exp };
  } catch {
    return null;
  }
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
  counts.set(protocol, (counts.get(protocol) || 0) + 1);
  listeners.forEach((fn) => fn(protocol, counts.get(protocol)));
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
