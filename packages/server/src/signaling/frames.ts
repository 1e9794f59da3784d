/** The signaling protocol's frames and token claims, as the server accepts them. */
import * as v from 'valibot';

export interface PeerInfo {
  peer_id: string;
  user_id: string;
  name?: string;
  image?: string;
  state?: MediaState;
}
export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

const bounded = (n: number) => v.pipe(v.string(), v.maxLength(n));
export const JoinFrame = v.object({ type: v.literal('join'), token: bounded(4096) });
export const ClientFrame = v.variant('type', [
  v.object({
    type: v.literal('signal'),
    to: bounded(64),
    data: v.object({
      description: v.optional(
        v.object({
          type: v.picklist(['offer', 'answer', 'pranswer', 'rollback']),
          sdp: v.optional(bounded(60_000)),
        }),
      ),
      candidate: v.optional(
        v.nullable(
          v.object({
            candidate: v.optional(bounded(2000)),
            sdpMid: v.optional(v.nullable(bounded(64))),
            sdpMLineIndex: v.optional(v.nullable(v.number())),
            usernameFragment: v.optional(v.nullable(bounded(256))),
          }),
        ),
      ),
    }),
  }),
  v.object({
    type: v.literal('state'),
    state: v.object({ audio: v.boolean(), video: v.boolean(), screen: v.boolean() }),
  }),
]);
export const TokenClaims = v.object({
  room: v.pipe(v.string(), v.regex(/^[a-z0-9_-]{1,64}$/)),
  user_id: bounded(255),
  name: v.optional(bounded(200)),
  image: v.optional(bounded(2000)),
  iat_ms: v.optional(v.number()),
  iat: v.optional(v.number()),
});

export type ClientFrame = v.InferOutput<typeof ClientFrame>;
export type TokenClaims = v.InferOutput<typeof TokenClaims>;
