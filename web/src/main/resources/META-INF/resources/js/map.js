// The map as SVG, drawn from coordinates alone (no tiles): the view fits every point it has been shown.

const NS = 'http://www.w3.org/2000/svg';

export class CourierMap {
  constructor(svg) {
    this.svg = svg;
    this.points = new Map(); // key -> {lat, lon, kind, label}
    svg.setAttribute('viewBox', '0 0 400 300');
  }

  put(key, lat, lon, kind, label) {
    this.points.set(key, { lat, lon, kind, label });
    this.draw();
  }

  remove(key) {
    this.points.delete(key);
    this.draw();
  }

  draw() {
    const all = [...this.points.values()];
    while (this.svg.lastChild) this.svg.lastChild.remove();
    const frame = document.createElementNS(NS, 'rect');
    Object.entries({ x: 0, y: 0, width: 400, height: 300, class: 'map-ground' }).forEach(([k, v]) => frame.setAttribute(k, v));
    this.svg.append(frame);
    if (!all.length) return;
    const lats = all.map((p) => p.lat);
    const lons = all.map((p) => p.lon);
    const pad = 0.005;
    const minLat = Math.min(...lats) - pad;
    const maxLat = Math.max(...lats) + pad;
    const minLon = Math.min(...lons) - pad;
    const maxLon = Math.max(...lons) + pad;
    const x = (lon) => 20 + ((lon - minLon) / (maxLon - minLon)) * 360;
    const y = (lat) => 280 - ((lat - minLat) / (maxLat - minLat)) * 260;
    for (const [key, p] of this.points) {
      const g = document.createElementNS(NS, 'g');
      g.setAttribute('class', `map-${p.kind}`);
      g.setAttribute('data-key', key);
      g.setAttribute('transform', `translate(${x(p.lon).toFixed(1)},${y(p.lat).toFixed(1)})`);
      const mark = document.createElementNS(NS, p.kind === 'courier' ? 'circle' : 'rect');
      if (p.kind === 'courier') {
        mark.setAttribute('r', 6);
      } else {
        Object.entries({ x: -5, y: -5, width: 10, height: 10 }).forEach(([k, v]) => mark.setAttribute(k, v));
      }
      const title = document.createElementNS(NS, 'title');
      title.textContent = p.label;
      const text = document.createElementNS(NS, 'text');
      text.setAttribute('x', 9);
      text.setAttribute('y', 4);
      text.textContent = p.label;
      g.append(mark, title, text);
      this.svg.append(g);
    }
  }
}
