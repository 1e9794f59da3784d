import type { TrackSource } from '../../core/provider';
import type { SignalData } from './frames';

/**
 * Each connection carries three transceivers in a fixed order, created by the side that offers:
 * microphone, camera, screen. Both sides map a track to its source by its transceiver's index,
 * so camera and screen are never confused, and turning a source on or off is a `replaceTrack`
 * (no renegotiation, hence no glare).
 */
export const SLOTS: readonly TrackSource[] = ['microphone', 'camera', 'screen'];
const kindOf = (source: TrackSource) => (source === 'microphone' ? 'audio' : 'video');

export interface PeerLinkOptions {
  iceServers: RTCIceServer[];
  /** The newcomer initiates: it adds the transceivers and sends the first offer. */
  initiator: boolean;
  /** The current local track per source (null when off). */
  localTrack(source: TrackSource): MediaStreamTrack | null;
  send(data: SignalData): void;
  onTrack(source: TrackSource, track: MediaStreamTrack): void;
}

/**
 * One RTCPeerConnection to one remote peer. The first offer follows the newcomer rule (measured:
 * glare on the first offer leaves connections dead); later renegotiation uses perfect
 * negotiation, the peer that did not initiate being the polite one.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private makingOffer = false;
  private ignoreOffer = false;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PeerLinkOptions) {
    this.polite = !options.initiator;
    const pc = new RTCPeerConnection({ iceServers: options.iceServers });
    this.pc = pc;
    pc.onicecandidate = (e) => {
      options.send({ candidate: e.candidate?.toJSON() ?? null });
    };
    pc.ontrack = (e) => {
      const index = pc.getTransceivers().indexOf(e.transceiver);
      const source = SLOTS[index];
      if (source && e.track.kind === kindOf(source)) options.onTrack(source, e.track);
    };
    pc.onnegotiationneeded = () => {
      void this.offer();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' && this.options.initiator) pc.restartIce();
    };
    if (options.initiator) {
      for (const source of SLOTS) {
        pc.addTransceiver(options.localTrack(source) ?? kindOf(source), { direction: 'sendrecv' });
      }
    }
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      if (this.closed || !this.pc.localDescription) return;
      this.options.send({ description: descriptionInit(this.pc.localDescription) });
    } catch {
      // A failed offer is retried by the next negotiationneeded; nothing to report to the user.
    } finally {
      this.makingOffer = false;
    }
  }

  /** Handles one relayed signal; signals are applied in the order they arrive. */
  handle(data: SignalData): Promise<void> {
    this.queue = this.queue.then(() => this.apply(data)).catch(() => {});
    return this.queue;
  }

  private async apply(data: SignalData): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    if (data.description) {
      const description = data.description as RTCSessionDescriptionInit;
      const collision =
        description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await pc.setRemoteDescription(description);
      if (description.type !== 'offer' || this.closed) return;
      await this.attachLocalTracks();
      await pc.setLocalDescription();
      if (this.closed || !pc.localDescription) return;
      this.options.send({ description: descriptionInit(pc.localDescription) });
    } else if (data.candidate !== undefined) {
      try {
        await pc.addIceCandidate(data.candidate ?? undefined);
      } catch (e) {
        // After an ignored offer the candidates that follow it cannot apply (harmless).
        if (!this.ignoreOffer) throw e;
      }
    }
  }

  /** The answering side sends on the transceivers the offer created. */
  private async attachLocalTracks(): Promise<void> {
    const transceivers = this.pc.getTransceivers();
    for (const [index, source] of SLOTS.entries()) {
      const transceiver = transceivers[index];
      if (!transceiver || transceiver.receiver.track.kind !== kindOf(source)) continue;
      if (transceiver.direction !== 'sendrecv') transceiver.direction = 'sendrecv';
      const track = this.options.localTrack(source);
      if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
    }
  }

  /** Sends `track` (or nothing) for `source`; no renegotiation. */
  async setTrack(source: TrackSource, track: MediaStreamTrack | null): Promise<void> {
    if (this.closed) return;
    const transceiver = this.pc.getTransceivers()[SLOTS.indexOf(source)];
    if (!transceiver || transceiver.sender.track === track) return;
    await transceiver.sender.replaceTrack(track);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const pc = this.pc;
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onnegotiationneeded = null;
    pc.onconnectionstatechange = null;
    for (const receiver of pc.getReceivers()) receiver.track?.stop();
    pc.close();
  }
}

function descriptionInit({ type, sdp }: RTCSessionDescriptionInit) {
  return { type, sdp } as SignalData['description'] & object;
}
