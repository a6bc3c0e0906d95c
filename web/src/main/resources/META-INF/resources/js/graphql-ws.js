// A small graphql-transport-ws client (the protocol of the gateway's GraphQL subscriptions): connection_init with the
// token, subscribe, next/error/complete, ping/pong; reconnects and subscribes again.

export class GraphQLSubscriptions {
  constructor(url, token, onState = () => {}) {
    this.url = url;
    this.token = token;
    this.onState = onState;
    this.active = new Map(); // id -> {query, variables, handlers}
    this.nextId = 1;
  }

  connect() {
    const ws = new WebSocket(this.url, 'graphql-transport-ws');
    this.ws = ws;
    this.acked = false;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${this.token}` } }));
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        this.acked = true;
        this.onState('connected');
        for (const [id, sub] of this.active) {
          this.start(id, sub);
        }
      } else if (message.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next') {
        this.active.get(message.id)?.handlers.next(message.payload);
      } else if (message.type === 'error') {
        this.active.get(message.id)?.handlers.error?.(message.payload);
      } else if (message.type === 'complete') {
        this.active.get(message.id)?.handlers.complete?.();
        this.active.delete(message.id);
      }
    };
    ws.onclose = () => {
      if (this.closed) return;
      this.onState('reconnecting');
      setTimeout(() => this.connect(), 2000);
    };
  }

  subscribe(query, variables, handlers) {
    const id = String(this.nextId++);
    const sub = { query, variables, handlers };
    this.active.set(id, sub);
    if (this.acked) this.start(id, sub);
    return () => {
      this.active.delete(id);
      if (this.acked) this.ws.send(JSON.stringify({ id, type: 'complete' }));
    };
  }

  start(id, { query, variables }) {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  close() {
    this.closed = true;
    this.ws?.close();
  }
}
