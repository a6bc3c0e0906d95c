// Voice and video calls between the parties of an order. The media goes browser to browser (WebRTC); notification-
// service only relays the signalling over its WebSocket /ws/calls (call, offer, ringing, answer, candidate, busy,
// hangup; errors) and hands out the ICE servers (STUN, TURN with short-lived credentials). One call at a time.
//
// A page: const calls = startCalls({ notificationUrl, me, element }); calls.call(orderId, 'courier', 'the courier').
// ?relay=1 in the page's URL forces the media through TURN (iceTransportPolicy 'relay'), to try the relay path.
import { token, setCount, api } from './session.js';
import { CallPanel } from './call-panel.js';
import { Signalling } from './signalling.js';
import { sample } from './call-stats.js';

const LIVE = ['calling', 'ringing', 'incoming', 'connecting', 'connected'];
const ICE_MARGIN_MS = 60000; // fetch new TURN credentials a minute before the old ones expire

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class Calls {
  /** notificationUrl: notification-service as the browser reaches it; me: {name, role}; element: the panel's section. */
  constructor({ notificationUrl, me, element, onIncoming }) {
    this.base = notificationUrl;
    this.me = me;
    this.onIncoming = onIncoming || (() => {});
    this.relay = new URLSearchParams(location.search).get('relay') === '1';
    this.current = null; // the call of the moment (also kept once ended, to show how it ended)
    this.ice = null;
    this.packetsBefore = 0; // RTP packets of earlier calls, for the protocols panel
    this.received = []; // every signalling message, for a look from tests and the console
    this.panel = new CallPanel(element, {
      answer: () => this.answer(),
      decline: () => this.decline(),
      hangup: () => this.hangup(),
      mute: (on) => this.setMuted(on),
      camera: (off) => this.setCameraOff(off),
    });
    this.socketState = 'connecting';
    this.signals = new Signalling(
      () => `${this.base.replace(/^http/, 'ws')}/ws/calls?access_token=${encodeURIComponent(token())}`,
      (m) => this.onSignal(m),
      (state, detail) => this.onSocket(state, detail));
    this.panel.show(null);
    this.panel.socket('connecting');
  }

  start() {
    this.signals.open();
    return this;
  }

  get active() {
    return Boolean(this.current && LIVE.includes(this.current.state));
  }

  // --- making and taking calls ---------------------------------------------------------------------------------

  /** Calls the other party of an order: to = 'courier' | 'customer' (an operator must say which; others may omit). */
  async call(orderId, to, peerLabel) {
    this.panel.error('');
    if (this.active) {
      this.panel.error('You are in a call already: hang up first.');
      return;
    }
    if (!this.signals.connected) {
      this.panel.error('Not connected to the call service yet: try again in a moment.');
      return;
    }
    const media = this.panel.video ? 'video' : 'audio';
    const call = this.begin({ callId: uuid(), orderId, direction: 'out', media, state: 'calling',
      peer: { role: to || (this.me.role === 'customer' ? 'courier' : 'customer') }, peerLabel });
    try {
      const local = await this.localMedia(call, media);
      const pc = await this.peer(call);
      if (this.current !== call || call.state === 'ended') return;
      this.attach(call, pc, local, media);
      const message = { type: 'call', callId: call.callId, orderId, media };
      if (this.me.role === 'operator') message.to = call.peer.role;
      if (!this.signals.send(message)) throw new Error('the signalling connection dropped');
      call.callSent = true;
      await pc.setLocalDescription(await pc.createOffer());
      if (this.current !== call || call.state === 'ended') return;
      this.send(call, { type: 'offer', sdp: pc.localDescription.sdp });
      this.localReady(call);
    } catch (e) {
      this.fail(call, e);
    }
  }

  async answer() {
    const call = this.current;
    if (!call || call.state !== 'incoming' || !call.offer) return;
    this.setState(call, 'connecting');
    try {
      const local = await this.localMedia(call, call.media);
      const pc = await this.peer(call);
      if (this.current !== call || call.state === 'ended') return;
      await pc.setRemoteDescription({ type: 'offer', sdp: call.offer });
      this.attach(call, pc, local, call.media); // after the offer: the tracks take the offer's transceivers
      this.remoteReady(call);
      await pc.setLocalDescription(await pc.createAnswer());
      if (this.current !== call || call.state === 'ended') return;
      this.send(call, { type: 'answer', sdp: pc.localDescription.sdp });
      this.localReady(call);
    } catch (e) {
      this.fail(call, e);
    }
  }

  decline() {
    const call = this.current;
    if (!call || call.state !== 'incoming') return;
    this.send(call, { type: 'busy' });
    this.end(call, 'busy');
  }

  hangup() {
    const call = this.current;
    if (!call || !LIVE.includes(call.state)) return;
    if (call.state === 'incoming') {
      this.decline();
      return;
    }
    if (call.callSent || call.direction === 'in') this.send(call, { type: 'hangup' });
    this.end(call, 'hangup');
  }

  setMuted(on) {
    const call = this.current;
    if (!call?.local) return;
    call.local.getAudioTracks().forEach((t) => { t.enabled = !on; });
    call.muted = on;
    this.render();
  }

  setCameraOff(off) {
    const call = this.current;
    if (!call?.local) return;
    call.local.getVideoTracks().forEach((t) => { t.enabled = !off; });
    call.cameraOff = off;
    this.render();
  }

  // --- the signalling ------------------------------------------------------------------------------------------

  onSocket(state, detail) {
    this.socketState = state;
    this.panel.socket(state, detail);
    // The server ends a call whose socket closed (the other side hears 'disconnected'): so does this side.
    if (state !== 'connected' && this.active) this.end(this.current, 'signalling');
  }

  onSignal(m) {
    this.received.push({ type: m.type, callId: m.callId, from: m.from, code: m.code, reason: m.reason, at: Date.now() });
    if (this.received.length > 500) this.received.shift();
    const call = this.current && m.callId === this.current.callId ? this.current : null;
    switch (m.type) {
      case 'call': return this.incoming(m);
      case 'offer':
        if (call?.direction === 'in' && call.state === 'incoming') {
          call.offer = m.sdp;
          this.render();
        }
        return undefined;
      case 'ringing':
        if (call?.direction === 'out' && call.state === 'calling') this.setState(call, 'ringing');
        return undefined;
      case 'answer': return call?.direction === 'out' ? this.answered(call, m.sdp) : undefined;
      case 'candidate':
        if (call && m.candidate) {
          call.remoteCandidates.push(m.candidate);
          if (call.remoteReady) this.remoteReady(call);
        }
        return undefined;
      case 'busy':
        if (call && LIVE.includes(call.state)) this.end(call, 'busy');
        return undefined;
      case 'hangup':
        if (call && LIVE.includes(call.state)) this.end(call, m.reason || 'hangup');
        return undefined;
      case 'error': return this.refused(m, call);
      default: return undefined;
    }
  }

  incoming(m) {
    if (this.active) { // one call at a time: a second caller hears busy
      this.signals.send({ type: 'busy', callId: m.callId });
      return;
    }
    const peer = m.from || { role: 'someone' };
    const call = this.begin({ callId: m.callId, orderId: m.orderId, direction: 'in', media: m.media === 'audio' ? 'audio' : 'video',
      state: 'incoming', peer, peerLabel: label(peer) });
    this.send(call, { type: 'ringing' });
    this.onIncoming(call);
  }

  async answered(call, sdp) {
    if (!call.pc || !['calling', 'ringing'].includes(call.state)) return;
    this.setState(call, 'connecting');
    try {
      await call.pc.setRemoteDescription({ type: 'answer', sdp });
      this.remoteReady(call);
    } catch (e) {
      this.fail(call, e);
    }
  }

  refused(m, call) {
    const text = `${m.message || m.code}${m.code ? ` (${m.code})` : ''}`;
    this.panel.error(`The call service refused: ${text}`);
    if (call && m.code !== 'rate-limited' && LIVE.includes(call.state)) this.end(call, m.code);
  }

  send(call, message) {
    this.signals.send({ ...message, callId: call.callId });
  }

  // --- the peer connection -------------------------------------------------------------------------------------

  begin(fields) {
    this.stopStats();
    const call = { ...fields, remoteCandidates: [], localCandidates: [], remoteReady: false, localSent: false,
      muted: false, cameraOff: false, startedAt: Date.now() };
    this.current = call;
    this.render();
    return call;
  }

  /** The camera and microphone, or less when one is missing or refused: then the call only receives that part. */
  async localMedia(call, media) {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new Error('this browser gives no camera or microphone here (calls need https, or http on localhost)');
    }
    const wishes = media === 'video' ? [{ audio: true, video: true }, { audio: true }, { video: true }] : [{ audio: true }];
    for (const wish of wishes) {
      try {
        return this.own(call, await navigator.mediaDevices.getUserMedia(wish));
      } catch (e) {
        if (!['NotFoundError', 'NotAllowedError', 'NotReadableError', 'OverconstrainedError'].includes(e.name)) throw e;
      }
    }
    this.panel.error('No camera or microphone could be used: you will only see and hear the other side.');
    return this.own(call, new MediaStream());
  }

  /** The call keeps what it got, so that ending it (even while this was awaited) stops the camera. */
  own(call, stream) {
    call.local = stream;
    if (call.state === 'ended') stream.getTracks().forEach((t) => t.stop());
    return stream;
  }

  async iceServers() {
    if (!this.ice || this.ice.until < Date.now()) {
      const answer = await api(this.base, '/api/calls/ice-servers');
      const expires = answer.expiresAt ? Date.parse(answer.expiresAt) - ICE_MARGIN_MS : Date.now() + 10 * 60000;
      this.ice = { servers: answer.iceServers || [], until: expires };
    }
    return this.ice.servers;
  }

  async peer(call) {
    const iceServers = await this.iceServers();
    if (this.relay && !iceServers.some((s) => [].concat(s.urls).some((u) => /^turns?:/.test(u)))) {
      throw new Error('?relay=1 forces the media through TURN, but the call service names no TURN server');
    }
    const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle',
      iceTransportPolicy: this.relay ? 'relay' : 'all' });
    call.pc = pc;
    if (call.state === 'ended') pc.close(); // hung up while the ICE servers were fetched
    pc.onicecandidate = (event) => {
      if (!event.candidate?.candidate) return; // the end of gathering is not signalled: the peer does not need it
      const { candidate, sdpMid, sdpMLineIndex } = event.candidate;
      call.localCandidates.push({ candidate, sdpMid, sdpMLineIndex });
      if (call.localSent) this.localReady(call);
    };
    pc.ontrack = (event) => {
      call.remote = call.remote || new MediaStream();
      call.remote.addTrack(event.track);
      this.render();
    };
    pc.onconnectionstatechange = () => {
      if (this.current !== call || call.state === 'ended') return;
      if (pc.connectionState === 'connected') {
        call.connectedAt = call.connectedAt || Date.now();
        this.setState(call, 'connected');
      } else if (pc.connectionState === 'failed') {
        this.send(call, { type: 'hangup' });
        this.end(call, 'failed');
      }
    };
    return pc;
  }

  attach(call, pc, local, media) {
    call.local = local;
    for (const track of local.getTracks()) pc.addTrack(track, local);
    if (call.direction === 'out') { // what this side lacks, it still wants to receive
      if (!local.getAudioTracks().length) pc.addTransceiver('audio', { direction: 'recvonly' });
      if (media === 'video' && !local.getVideoTracks().length) pc.addTransceiver('video', { direction: 'recvonly' });
    }
    this.startStats(call);
    this.render();
  }

  /** The local description went out: from now on our candidates follow it (trickle ICE). */
  localReady(call) {
    call.localSent = true;
    for (const candidate of call.localCandidates.splice(0)) this.send(call, { type: 'candidate', candidate });
  }

  /** The remote description is set: the peer's candidates can be added (those that came early waited). */
  remoteReady(call) {
    call.remoteReady = true;
    for (const candidate of call.remoteCandidates.splice(0)) {
      call.pc.addIceCandidate(candidate).catch((e) => this.panel.error(`A candidate of the other side was refused: ${e.message}`));
    }
  }

  fail(call, error) {
    if (this.current !== call || call.state === 'ended') return;
    this.panel.error(`The call failed: ${error.message}`);
    if (call.callSent || call.direction === 'in') this.send(call, { type: 'hangup' });
    this.end(call, 'failed');
  }

  end(call, reason) {
    if (call.state === 'ended') return;
    call.reason = reason;
    call.state = 'ended';
    call.endedAt = Date.now();
    this.stopStats();
    call.pc?.close();
    call.local?.getTracks().forEach((t) => t.stop());
    this.render();
  }

  setState(call, state) {
    call.state = state;
    this.render();
  }

  render() {
    const call = this.current;
    if (!call) {
      this.panel.show(null);
      return;
    }
    const ended = call.state === 'ended';
    this.panel.show({ ...call, offerReady: Boolean(call.offer),
      hasAudio: Boolean(call.local?.getAudioTracks().length), hasVideo: Boolean(call.local?.getVideoTracks().length) });
    this.panel.streams(ended ? null : call.local, ended ? null : call.remote);
  }

  // --- the call's statistics, once a second ----------------------------------------------------------------------

  startStats(call) {
    this.stopStats();
    let previous = null;
    this.statsTimer = setInterval(async () => {
      if (!call.pc || call.state === 'ended') return;
      let now;
      try {
        now = await sample(call.pc);
      } catch {
        return; // closed meanwhile
      }
      if (call.state === 'ended') return;
      const seconds = previous ? (now.at - previous.at) / 1000 : 0;
      const kbps = (bytes) => (seconds > 0 ? `${Math.max(0, Math.round((bytes * 8) / seconds / 1000))} kbit/s` : '—');
      this.panel.stats({
        rtt: now.rtt === undefined ? '—' : `${Math.round(now.rtt * 1000)} ms`,
        in: previous ? kbps(now.bytesIn - previous.bytesIn) : '—',
        out: previous ? kbps(now.bytesOut - previous.bytesOut) : '—',
        path: now.path || '—',
        duration: call.connectedAt ? duration(Date.now() - call.connectedAt) : '—',
      });
      call.packets = now.packets;
      setCount('WebRTC', this.packetsBefore + now.packets);
      previous = now;
    }, 1000);
  }

  stopStats() {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = null;
    if (this.current?.packets) {
      this.packetsBefore += this.current.packets;
      this.current.packets = 0;
    }
  }
}

function label(peer) {
  const role = { courier: 'the courier', customer: 'the customer', operator: 'an operator' }[peer.role] || peer.role;
  return peer.id ? `${role} (${peer.id})` : role;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The calls of a page, connected. Also window.dispatchCall: the call of the moment ({state, reason, callId, pc}),
 * the signalling messages received and the socket's state, for tests and the curious (the console).
 */
export function startCalls(options) {
  const calls = new Calls(options).start();
  window.dispatchCall = {
    get state() { return calls.current?.state || 'idle'; },
    get reason() { return calls.current?.reason || null; },
    get callId() { return calls.current?.callId || null; },
    get orderId() { return calls.current?.orderId || null; },
    get pc() { return calls.current?.pc || null; },
    get socket() { return calls.socketState; },
    get relay() { return calls.relay; },
    received: calls.received,
    calls,
  };
  return calls;
}

export { label as peerLabel };
