// Drop-off points in Berlin Mitte a customer can pick, a few hundred metres apart, so a simulated courier (12 m/s)
// reaches the next one in about a minute. The browser tests import this file too.

export const PLACES = [
  { street: 'Invalidenstraße 116', postalCode: '10115', latitude: 52.5321, longitude: 13.3849 },
  { street: 'Chausseestraße 10', postalCode: '10115', latitude: 52.5290, longitude: 13.3860 },
  { street: 'Oranienburger Straße 32', postalCode: '10117', latitude: 52.5250, longitude: 13.3930 },
  { street: 'Unter den Linden 5', postalCode: '10117', latitude: 52.5170, longitude: 13.3960 },
  { street: 'Rosenthaler Straße 40', postalCode: '10178', latitude: 52.5250, longitude: 13.4020 },
  { street: 'Torstraße 49', postalCode: '10119', latitude: 52.5290, longitude: 13.4090 },
  { street: 'Karl-Liebknecht-Straße 13', postalCode: '10178', latitude: 52.5233, longitude: 13.4085 },
].map((p) => ({ ...p, city: 'Berlin', country: 'DE' }));

/** Great-circle distance in km. */
export function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = (d) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}
