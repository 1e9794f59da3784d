/**
 * The public shape of the call service (`stream-chat-calls-server`). The dev server mounts the
 * same service with its own membership store and event bus.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProviderName } from './contract';
import type { ServerProvider } from './providers/types';
import type { CallRegistry } from './registry';
import type { SignalingTuning } from './signaling';

/** A user's role in a channel, as Stream names it (`admin` is the app-wide role). */
export type ChannelRole = 'owner' | 'moderator' | 'member' | 'admin';

/**
 * What the service knows of a user in a channel: members may start, join and leave its calls;
 * owners, moderators and admins may also end them for everyone.
 */
export interface Membership {
  /** The user is a member of the channel. */
  member: boolean;
  /** The member's channel role, or the user's app role `admin`. */
  role?: ChannelRole;
}

/** Answers "is this user a member of this channel" (Stream's server API, or the dev store). */
export interface MembershipStore {
  /** The user's membership of the channel `cid` (`type:id`). */
  getMembership(cid: string, userId: string): Promise<Membership>;
  /** Display data for participants (best effort; may return just the id). */
  getUser?(userId: string): Promise<{ id: string; name?: string; image?: string } | undefined>;
}

/** A custom channel event broadcast to the channel's members (`call.updated`, `call.ended`). */
export interface ChannelEvent {
  /** The event type (`call.updated`, `call.ended`). */
  type: string;
  [key: string]: unknown;
}

/** Delivers custom events to a channel (Stream's server API, or the dev server's bus). */
export interface ChannelEventSink {
  /** Sends `event` to the channel `cid` as `userId` (the user whose request changed the call). */
  sendChannelEvent(cid: string, event: ChannelEvent, userId: string): Promise<void>;
}

/** The Agora project the service mints tokens for (`AGORA_APP_ID`, `AGORA_APP_CERTIFICATE`). */
export interface AgoraConfig {
  /** The Agora project's App ID. */
  appId: string;
  /** The project's App Certificate: signs the tokens. Never logged. */
  appCertificate: string;
  /** Token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
}

/** The 100ms account the service creates rooms and mints tokens with. */
export interface HmsConfig {
  /** The 100ms app access key. */
  accessKey: string;
  /** The 100ms app secret: signs management and app tokens. Never logged. */
  secret: string;
  /** The 100ms template new rooms are created from. */
  templateId: string;
  /** Role given to joiners (default `host`). */
  role?: string;
  /** 100ms REST API base (default https://api.100ms.live/v2); tests point it at a local double. */
  apiBase?: string;
  /** App token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
}

/** The built-in local WebRTC provider (the dev server's, and small deployments'). */
export interface LocalConfig {
  /** Secret that signs local-provider tokens (default: the API secret). */
  secret?: string;
  /** Token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
}

/**
 * What `createCallService` is built from. Only the Stream app's key and secret, a membership
 * store and one provider are needed; the rest have production defaults.
 *
 * @example
 * ```ts
 * const { STREAM_API_KEY, STREAM_API_SECRET } = process.env;
 * const stream = { apiKey: STREAM_API_KEY!, apiSecret: STREAM_API_SECRET! };
 * const service = createCallService({
 *   ...stream,
 *   membership: streamMembership(stream),
 *   events: streamEvents(stream),
 *   providers: { agora: { appId, appCertificate } },
 * });
 * await service.ready();
 * createServer((req, res) => service.nodeHandler(req, res)).listen(8080);
 * ```
 */
export interface CallServiceOptions {
  /** The Stream app's API key (checked against `api_key`). */
  apiKey: string;
  /** The Stream app's API secret: verifies user JWTs (HS256). Never logged. */
  apiSecret: string;
  /** Who may start, join and end a channel's calls (Stream's server API in production). */
  membership: MembershipStore;
  /** Where `call.updated` / `call.ended` go (none: the channel is not told). */
  events?: ChannelEventSink;
  /**
   * SQLite file for the call registry (`CALLS_DB`). Default `:memory:`: calls do not survive a
   * restart (the CLI's default is `calls.sqlite`).
   */
  databasePath?: string;
  /**
   * A PostgreSQL URL (`CALLS_DATABASE_URL`): the registry lives there instead of SQLite, and any
   * number of instances may share it. `pg` is loaded only then.
   *
   * @example
   * createCallService({ …, databaseUrl: 'postgres://calls:secret@db.internal:5432/calls' });
   */
  databaseUrl?: string;
  /**
   * PostgreSQL connections this instance keeps open at most (default 10). Instances × this must
   * stay under the server's `max_connections`.
   */
  databasePoolSize?: number;
  /** The built-in providers to enable, each with its credentials. */
  providers: { agora?: AgoraConfig; hms?: HmsConfig; local?: LocalConfig };
  /**
   * The app's own providers (Daily, LiveKit, its SFU), beside or instead of the built-in ones:
   * each mints its own tokens. The kit needs a `CallProvider` of the same name to join their
   * calls. See `ServerProvider`.
   */
  customProviders?: ServerProvider[];
  /** Used when CreateCall's `options.provider` does not choose one. */
  defaultProvider?: ProviderName;
  /** Path prefix the routes live under (default ''). */
  basePath?: string;
  /** Allowed CORS origins (default: none — same origin only; the dev server allows loopback). */
  corsOrigins?: string[] | '*';
  /** Requests per minute per user before 429 (default 600). */
  rateLimitPerMinute?: number;
  /** Where the service's log lines go (default: nowhere). Secrets and tokens never reach it. */
  log?: (line: string) => void;
  /**
   * How long a call with nobody left waits before it ends itself (default 2000 ms; 0 ends it
   * within the leave request).
   */
  emptyCallGraceMs?: number;
  /**
   * A participant the service has not heard from for this long is taken out of the call, as if
   * it had left (default 90 000 ms; 0 keeps everyone until they leave). Clients in a call repeat
   * their join report every 30 s; a closed tab reports its leave, but a crashed browser, a
   * laptop put to sleep or a lost network report nothing.
   */
  participantTtlMs?: number;
  /**
   * How often a participant's `alive` (every 30 s) asks Stream for its channel membership again
   * (default 300 000 ms; 0: every time). Its join always checks. A member removed from the
   * channel is taken out of the call at the first check after the removal.
   */
  membershipRecheckMs?: number;
  /** Largest accepted request body in bytes (default 16 KiB). */
  maxBodyBytes?: number;
  /** `fetch` used for provider REST APIs (100ms room creation). Default: the global one. */
  fetch?: typeof fetch;
  /** Where calls are stored (default: PostgreSQL at `databaseUrl`, else SQLite at `databasePath`). */
  registry?: CallRegistry;
  /**
   * Local signaling timings (join frame deadline, default 10 s; ping interval, default 20 s) and
   * limits: per-socket frame rate and unsent bytes, sockets per process (see `SignalingLimits`).
   */
  signaling?: SignalingTuning;
}

/** The call service: CreateCall, GetCallToken and live state over HTTP, and local signaling. */
export interface CallService {
  /** A WHATWG fetch handler: mount in Hono, Bun, Deno, workers… */
  fetch(request: Request): Promise<Response>;
  /** A Node `http` request listener; calls `next()` (when given) for paths it does not serve. */
  nodeHandler(req: IncomingMessage, res: ServerResponse, next?: () => void): void;
  /** Handles the local provider's signaling WebSocket upgrade; false if the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Resolves once the registry is ready (PostgreSQL: connected and migrated); rejects when the
   * database cannot be used. Requests before then wait for it.
   */
  ready(): Promise<void>;
  /**
   * Stops its timers and signaling, and closes the registry it opened (not one given as
   * `registry`). Idempotent.
   */
  close(): Promise<void>;
}
