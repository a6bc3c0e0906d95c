import { settings, login, claims } from './session.js';

const form = document.getElementById('login');
const params = new URLSearchParams(location.search);
if (params.get('need')) document.getElementById('role').value = params.get('need');
const who = claims();
if (who) document.getElementById('who').textContent = `logged in as ${who.name} (${who.role})`;

settings().then((s) => {
  if (!s.localLogin) {
    document.getElementById('no-local-login').hidden = false;
    form.querySelector('button').disabled = true;
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  error.textContent = '';
  try {
    const role = form.role.value;
    await login(form.name.value, role);
    location.href = params.get('back') || (role === 'operator' ? '/board.html' : '/track.html');
  } catch (e) {
    error.textContent = e.message;
  }
});
