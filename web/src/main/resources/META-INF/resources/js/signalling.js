// The calls' signalling WebSocket (notification-service /ws/calls): JSON messages both ways, reconnected with the token
// of the moment whenever it drops. What the messages mean is calls.js's business; their contract is
// contracts/websocket/call-signal.v1.json.
import { count } from './session.js';

const RECONNECT_MS = [1000, 2000, 5000, 10000];

/** The signalling WebSocket: JSON messages both ways, reconnected (with the token of the moment) whenever it drops. */
export class Signalling {
  constructor(url, onMessage, onState) {
    this.url = url;
    this.onMessage = onMessage;
    this.onState = onState;
    this.attempt = 0;
    this.ws = null;
  }

  open() {
    this.onState(this.attempt ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onState('connected');
    };
    ws.onmessage = (event) => {
      count('WebSocket (signalling)');
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return; // the server sends JSON only; anything else is not for us
      }
      this.onMessage(message);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      const wait = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)];
      this.attempt += 1;
      this.onState('reconnecting', event.code === 1008 || event.code === 4401 ? 'refused the token' : `closed (${event.code})`);
      setTimeout(() => this.open(), wait);
    };
  }

  get connected() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  send(message) {
    if (!this.connected) return false;
    this.ws.send(JSON.stringify(message));
    count('WebSocket (signalling)');
    return true;
  }
}
