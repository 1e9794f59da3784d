import * as v from 'valibot';

/** Frames of the local signaling protocol (see briefs/signaling.md). Everything received is parsed. */

const id = v.pipe(v.string(), v.maxLength(128));
const text = v.pipe(v.string(), v.maxLength(512));

export const PeerMediaStateSchema = v.object({
  audio: v.boolean(),
  video: v.boolean(),
  screen: v.boolean(),
});
export type PeerMediaState = v.InferOutput<typeof PeerMediaStateSchema>;

const PeerSchema = v.object({
  peer_id: id,
  user_id: id,
  name: v.optional(text),
  image: v.optional(text),
  state: v.optional(v.nullable(PeerMediaStateSchema)),
});
export type PeerInfo = v.InferOutput<typeof PeerSchema>;

const DescriptionSchema = v.object({
  type: v.picklist(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: v.optional(v.pipe(v.string(), v.maxLength(60_000))),
});

const CandidateSchema = v.object({
  candidate: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
  sdpMid: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  sdpMLineIndex: v.optional(v.nullable(v.number())),
  usernameFragment: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(256)))),
});

export const SignalDataSchema = v.object({
  description: v.optional(DescriptionSchema),
  candidate: v.optional(v.nullable(CandidateSchema)),
});
export type SignalData = v.InferOutput<typeof SignalDataSchema>;

export const ServerFrameSchema = v.variant('type', [
  v.object({ type: v.literal('welcome'), peer_id: id, peers: v.array(PeerSchema) }),
  v.object({ type: v.literal('peer-joined'), peer: PeerSchema }),
  v.object({ type: v.literal('peer-left'), peer_id: id }),
  v.object({ type: v.literal('signal'), from: id, data: SignalDataSchema }),
  v.object({ type: v.literal('peer-state'), peer_id: id, state: PeerMediaStateSchema }),
  v.object({ type: v.literal('ended') }),
  v.object({ type: v.literal('error'), code: text, message: v.optional(text) }),
]);
export type ServerFrame = v.InferOutput<typeof ServerFrameSchema>;

export type ClientFrame =
  | { type: 'join'; token: string }
  | { type: 'signal'; to: string; data: SignalData }
  | { type: 'state'; state: PeerMediaState };

/** A received text frame, or undefined when it is not one we understand (never throws). */
export function parseServerFrame(raw: unknown): ServerFrame | undefined {
  if (typeof raw !== 'string' || raw.length > 65_536) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ServerFrameSchema, json);
  return parsed.success ? parsed.output : undefined;
}

/** Close codes the server uses. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_ROOM_FULL = 4009;
export const CLOSE_ENDED = 4010;
