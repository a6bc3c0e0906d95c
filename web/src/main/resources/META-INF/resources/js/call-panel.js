// The call's panel: who, the call's state, Answer / Decline / Hang up, mute, camera, both videos and the live stats.
// It only shows what calls.js tells it and hands the buttons' clicks back; it keeps no state of the call.
import { el } from './session.js';

const REASONS = {
  timeout: 'nobody answered',
  busy: 'declined (or busy in another call)',
  hangup: 'hung up',
  disconnected: 'the other side lost its connection',
  'answered-elsewhere': 'answered in another tab',
  failed: 'the media connection failed',
  signalling: 'the signalling connection dropped',
  cancelled: 'cancelled',
};

const STATES = {
  idle: () => 'No call.',
  calling: (c) => `Calling ${c.peerLabel}…`,
  ringing: (c) => `Ringing at ${c.peerLabel}…`,
  incoming: (c) => `Incoming ${c.media} call from ${c.peerLabel}`,
  connecting: (c) => `Connecting with ${c.peerLabel}…`,
  connected: (c) => `In a ${c.media} call with ${c.peerLabel}`,
  ended: (c) => `Call with ${c.peerLabel} ended: ${REASONS[c.reason] || c.reason}.`,
};

export class CallPanel {
  /** element: an empty section of the page; actions: { answer, decline, hangup, mute(on), camera(off) }. */
  constructor(element, actions) {
    this.element = element;
    element.classList.add('call');
    element.setAttribute('aria-labelledby', 'call-title');
    element.innerHTML = `
      <h2 id="call-title">Call <span id="call-socket" class="state" data-state="connecting">(signalling connecting)</span></h2>
      <p id="call-state" class="status" role="status" aria-live="polite" data-state="idle">No call.</p>
      <p id="call-error" role="alert"></p>
      <p class="call-controls">
        <button type="button" id="call-answer" hidden>Answer</button>
        <button type="button" id="call-decline" class="danger" hidden>Decline</button>
        <button type="button" id="call-hangup" class="danger" hidden>Hang up</button>
        <button type="button" id="call-mute" aria-pressed="false" hidden>Mute</button>
        <button type="button" id="call-camera" aria-pressed="false" hidden>Camera off</button>
      </p>
      <p><label class="inline"><input type="checkbox" id="call-video" checked> Calls I make are video calls</label></p>
      <div class="videos">
        <figure><video id="call-remote" autoplay playsinline aria-label="The other party's video"></video><figcaption>Them</figcaption></figure>
        <figure><video id="call-local" autoplay playsinline muted aria-label="Your own video"></video><figcaption>You</figcaption></figure>
      </div>
      <dl id="call-stats" class="call-stats" aria-label="Call statistics">
        <dt>Round trip</dt><dd data-stat="rtt">—</dd>
        <dt>In</dt><dd data-stat="in">—</dd>
        <dt>Out</dt><dd data-stat="out">—</dd>
        <dt>Path</dt><dd data-stat="path">—</dd>
        <dt>Duration</dt><dd data-stat="duration">—</dd>
      </dl>`;
    this.$ = (id) => element.querySelector(`#${id}`);
    this.$('call-answer').addEventListener('click', () => actions.answer());
    this.$('call-decline').addEventListener('click', () => actions.decline());
    this.$('call-hangup').addEventListener('click', () => actions.hangup());
    this.$('call-mute').addEventListener('click', (e) => actions.mute(e.currentTarget.getAttribute('aria-pressed') !== 'true'));
    this.$('call-camera').addEventListener('click', (e) => actions.camera(e.currentTarget.getAttribute('aria-pressed') !== 'true'));
    // Escape ends a call being offered or held, as the Decline / Hang up button would.
    element.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      if (!this.$('call-decline').hidden) actions.decline();
      else if (!this.$('call-hangup').hidden) actions.hangup();
    });
  }

  get video() {
    return this.$('call-video').checked;
  }

  socket(state, detail) {
    const node = this.$('call-socket');
    node.dataset.state = state;
    node.textContent = `(signalling ${detail || state})`;
  }

  error(text) {
    this.$('call-error').textContent = text || '';
  }

  /** call: { state, media, peerLabel, reason, offerReady, muted, cameraOff, hasVideo, hasAudio } or null. */
  show(call) {
    const state = call?.state || 'idle';
    const node = this.$('call-state');
    const before = node.dataset.state;
    const answerWasDisabled = this.$('call-answer').disabled;
    node.dataset.state = state;
    node.dataset.reason = call?.reason || '';
    node.textContent = STATES[state](call || {});
    const live = ['calling', 'ringing', 'connecting', 'connected'].includes(state);
    if (state === 'calling' || state === 'incoming') this.stats({ rtt: '—', in: '—', out: '—', path: '—', duration: '—' });
    this.$('call-answer').hidden = state !== 'incoming';
    this.$('call-answer').disabled = state === 'incoming' && !call.offerReady;
    this.$('call-decline').hidden = state !== 'incoming';
    this.$('call-hangup').hidden = !live;
    this.$('call-mute').hidden = !live || !call.hasAudio;
    this.$('call-mute').setAttribute('aria-pressed', String(Boolean(call?.muted)));
    this.$('call-camera').hidden = !live || !call.hasVideo;
    this.$('call-camera').setAttribute('aria-pressed', String(Boolean(call?.cameraOff)));
    this.element.dataset.call = state;
    // The videos only while a call is on; the last figures stay readable once it ended.
    this.element.querySelector('.videos').hidden = !live;
    this.$('call-stats').hidden = state === 'idle' || state === 'incoming';
    if (state !== before) {
      // Where the keyboard is wanted next: on Answer when it rings, on Hang up once the call is on.
      if (state === 'incoming') this.$('call-decline').focus();
      if (state === 'calling' || (state === 'connecting' && before === 'incoming')) this.$('call-hangup').focus();
    }
    // Answer can be pressed once the caller's offer is here (it follows the call at once).
    if (state === 'incoming' && call.offerReady && (answerWasDisabled || state !== before)) this.$('call-answer').focus();
  }

  streams(local, remote) {
    for (const [id, stream] of [['call-local', local], ['call-remote', remote]]) {
      const video = this.$(id);
      if (video.srcObject !== stream) {
        video.srcObject = stream || null;
        if (stream) video.play().catch(() => {}); // autoplay may wait for a gesture: the stream flows regardless
      }
    }
  }

  stats(values) {
    for (const [key, text] of Object.entries(values)) {
      const dd = this.element.querySelector(`[data-stat="${key}"]`);
      if (dd) dd.textContent = text;
    }
  }
}

/** A "Call …" button for a page's own rows (an order, a delivery). */
export function callButton(text, label, onClick) {
  const button = el('button', { type: 'button', class: 'call-button', 'aria-label': label }, text);
  button.addEventListener('click', onClick);
  return button;
}
