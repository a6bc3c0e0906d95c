// A small STOMP 1.2 client over WebSocket, enough for the dispatch board: CONNECT with heart-beats, SUBSCRIBE,
// MESSAGE, ERROR, and reconnect with resubscription. Written out here (no library) so that the protocol is readable
// in one file. Artemis sends frames as binary WebSocket messages; they are UTF-8 text.

const NUL = '\0';

export class StompClient {
  /** options: {url, login, passcode, heartBeatMs, reconnectMs, onState(state, detail), onFrame(frame)} */
  constructor(options) {
    this.options = { heartBeatMs: 10000, reconnectMs: 2000, onState() {}, onFrame() {}, ...options };
    this.subscriptions = new Map(); // id -> {destination, handler}
    this.buffer = '';
    this.closedByUs = false;
  }

  connect() {
    this.closedByUs = false;
    const ws = new WebSocket(this.options.url, ['v12.stomp', 'v11.stomp', 'v10.stomp']);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.options.onState('connecting');
    ws.onopen = () => {
      const beat = this.options.heartBeatMs;
      this.send('CONNECT', { 'accept-version': '1.2', host: location.hostname || 'localhost',
        login: this.options.login, passcode: this.options.passcode, 'heart-beat': `${beat},${beat}` });
    };
    ws.onmessage = (event) => {
      this.lastReceived = Date.now();
      const text = typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data);
      this.receive(text);
    };
    ws.onclose = (event) => {
      this.stopHeartBeats();
      if (this.closedByUs) {
        this.options.onState('closed');
        return;
      }
      this.options.onState('reconnecting', `connection closed (${event.code}); trying again`);
      this.reconnectTimer = setTimeout(() => this.connect(), this.options.reconnectMs);
    };
    ws.onerror = () => { /* onclose follows and reconnects */ };
  }

  /** Subscribes now if connected, and again after every reconnect. */
  subscribe(id, destination, handler) {
    this.subscriptions.set(id, { destination, handler });
    if (this.connected) {
      this.send('SUBSCRIBE', { id, destination, ack: 'auto' });
    }
  }

  disconnect() {
    this.closedByUs = true;
    clearTimeout(this.reconnectTimer);
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.send('DISCONNECT', {});
      this.ws.close();
    }
  }

  /** For the tests and the curious: send any frame (the board user may not SEND; the broker answers ERROR). */
  send(command, headers, body = '') {
    const lines = [command];
    for (const [name, value] of Object.entries(headers)) {
      lines.push(`${name}:${value}`);
    }
    this.ws.send(lines.join('\n') + '\n\n' + body + NUL);
  }

  receive(text) {
    this.buffer += text;
    let end;
    while ((end = this.buffer.indexOf(NUL)) >= 0) {
      const raw = this.buffer.slice(0, end).replace(/^[\r\n]+/, '');
      this.buffer = this.buffer.slice(end + 1);
      if (raw) {
        this.frame(parse(raw));
      }
    }
    this.buffer = this.buffer.replace(/^[\r\n]+/, ''); // heart-beats are bare newlines
  }

  frame(frame) {
    this.options.onFrame(frame);
    if (frame.command === 'CONNECTED') {
      this.connected = true;
      this.startHeartBeats(frame.headers['heart-beat']);
      for (const [id, { destination }] of this.subscriptions) {
        this.send('SUBSCRIBE', { id, destination, ack: 'auto' });
      }
      this.options.onState('connected');
    } else if (frame.command === 'MESSAGE') {
      const subscription = this.subscriptions.get(frame.headers.subscription);
      if (subscription) {
        subscription.handler(frame);
      }
    } else if (frame.command === 'ERROR') {
      this.connected = false;
      this.options.onState('error', frame.headers.message || frame.body);
    }
  }

  startHeartBeats(agreed = '0,0') {
    const [serverSends, serverWants] = agreed.split(',').map(Number);
    const ours = this.options.heartBeatMs;
    this.stopHeartBeats();
    if (serverWants > 0) {
      this.outgoing = setInterval(() => this.ws.readyState === WebSocket.OPEN && this.ws.send('\n'), Math.max(ours, serverWants));
    }
    if (serverSends > 0) {
      const limit = Math.max(ours, serverSends) * 3;
      this.lastReceived = Date.now();
      // Nothing from the broker for three beats: the connection is dead even if the socket has not noticed.
      this.incoming = setInterval(() => Date.now() - this.lastReceived > limit && this.ws.close(), limit / 3);
    }
  }

  stopHeartBeats() {
    this.connected = false;
    clearInterval(this.outgoing);
    clearInterval(this.incoming);
  }
}

function parse(raw) {
  const split = raw.indexOf('\n\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 2) : '';
  const [command, ...lines] = head.split('\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0 && !(line.slice(0, colon) in headers)) { // STOMP 1.2: the first of a repeated header wins
      headers[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return { command: command.trim(), headers, body };
}
