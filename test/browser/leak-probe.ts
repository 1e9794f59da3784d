/** Counts open RTCPeerConnections and live tracks (ENVIRONMENT.md "Leak checks"). */
export function installLeakProbe() {
  const pcs: WeakRef<RTCPeerConnection>[] = [];
  const tracks = new Set<MediaStreamTrack>();
  const NativePC = window.RTCPeerConnection;
  class CountedPC extends NativePC {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcs.push(new WeakRef(this));
      this.addEventListener('track', (e) => tracks.add(e.track));
    }
  }
  window.RTCPeerConnection = CountedPC;
  const media = navigator.mediaDevices;
  const gum = media.getUserMedia.bind(media);
  const gdm = media.getDisplayMedia.bind(media);
  const keep = (s: MediaStream) => {
    for (const t of s.getTracks()) tracks.add(t);
    return s;
  };
  media.getUserMedia = async (c) => keep(await gum(c));
  media.getDisplayMedia = async (c) => keep(await gdm(c));
  return {
    peerConnections: () => pcs.length,
    openPeerConnections: () =>
      pcs.map((r) => r.deref()).filter((pc) => pc && pc.signalingState !== 'closed').length,
    liveTracks: () => [...tracks].filter((t) => t.readyState === 'live').length,
    restore() {
      window.RTCPeerConnection = NativePC;
      media.getUserMedia = gum;
      media.getDisplayMedia = gdm;
    },
  };
}
