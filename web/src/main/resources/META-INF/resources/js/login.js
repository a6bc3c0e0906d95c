import { settings, login, claims, useToken, homeOf } from './session.js';

const form = document.getElementById('login');
const params = new URLSearchParams(location.search);
if (params.get('need')) document.getElementById('role').value = params.get('need');
const who = claims();
if (who) document.getElementById('who').textContent = `logged in as ${who.name} (${who.role})`;

// A courier's name is the id of the device they carry (their token's subject is what the order was dispatched to).
const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const DEVICE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

settings().then((s) => {
  if (!s.localLogin) {
    document.getElementById('no-local-login').hidden = false;
    form.querySelector('button').disabled = true;
  }
});

function go(role) {
  const back = params.get('back');
  // Only a path of this site, and only to a page for this role.
  location.href = back && back.startsWith('/') && !back.startsWith('//') && back === homeOf(role) ? back : homeOf(role);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  const role = form.role.value;
  const name = form.name.value.trim();
  if (role === 'courier' && !DEVICE_ID.test(name)) {
    error.textContent = 'A courier logs in with the id of their device: 1-64 lower-case letters, digits or . _ - (e.g. courier-1).';
    return;
  }
  if (!NAME.test(name)) {
    error.textContent = 'The name must be 1-64 letters, digits or . _ @ -';
    return;
  }
  try {
    await login(name, role);
    go(role);
  } catch (e) {
    error.textContent = e.message;
  }
});

document.getElementById('paste').addEventListener('submit', (event) => {
  event.preventDefault();
  const error = document.getElementById('paste-error');
  error.textContent = '';
  try {
    go(useToken(document.getElementById('paste-token').value).role);
  } catch (e) {
    error.textContent = e.message;
  }
});
