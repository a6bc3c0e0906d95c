// A call's figures from WebRTC's own getStats(): what the call panel shows once a second.

/** What a call's getStats() says now: RTT of the selected pair, bytes and RTP packets both ways, the path taken. */
export async function sample(pc) {
  const report = await pc.getStats();
  let pair = null;
  let bytesIn = 0;
  let bytesOut = 0;
  let packets = 0;
  report.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId);
    if (s.type === 'inbound-rtp') { bytesIn += s.bytesReceived || 0; packets += s.packetsReceived || 0; }
    if (s.type === 'outbound-rtp') { bytesOut += s.bytesSent || 0; packets += s.packetsSent || 0; }
  });
  if (!pair) report.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
  const local = pair && report.get(pair.localCandidateId);
  const remote = pair && report.get(pair.remoteCandidateId);
  const path = local && remote
    ? `${local.candidateType}${local.relayProtocol ? ` (${local.relayProtocol})` : ''} ↔ ${remote.candidateType}, ${local.protocol}`
    : null;
  return { at: Date.now(), rtt: pair?.currentRoundTripTime, bytesIn, bytesOut, packets, path };
}
