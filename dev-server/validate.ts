/** Schemas for every request body and path parameter the dev server accepts. */
import * as v from 'valibot';
import { USER_ID } from './auth';
import { badRequest } from './http';
import { MAX_TEXT_LENGTH } from './serialize';

export const CHANNEL_TYPE = /^[a-z0-9_-]{1,64}$/;
/** Stream channel ids: letters, digits, `_`, `-`, `@`, and `!` for member-based ids. */
export const CHANNEL_ID = /^[\w@!-]{1,64}$/;
/** The client makes message ids `<user_id>-<uuid>`. */
export const MESSAGE_ID = /^[\w@:.!-]{1,255}$/;
export const EVENT_TYPE = /^[\w.-]{1,64}$/;
export const REACTION_TYPE = /^[\w-]{1,30}$/;

/** Channel fields a client may not set as custom data. */
export const RESERVED_CHANNEL_KEYS = new Set([
  'id',
  'type',
  'cid',
  'created_by',
  'created_by_id',
  'created_at',
  'updated_at',
  'deleted_at',
  'last_message_at',
  'members',
  'member_count',
  'config',
  'own_capabilities',
  'frozen',
  'disabled',
  'hidden',
  'truncated_at',
  'team',
]);

/** Custom channel data is bounded (Stream's own limit is 5 KiB). */
export const MAX_CHANNEL_DATA_BYTES = 64 * 1024;
/** Custom events are bounded too. */
export const MAX_EVENT_BYTES = 64 * 1024;

const bool = v.optional(v.boolean());
const int = (min: number, max: number) =>
  v.optional(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)));
const str = (re: RegExp) => v.pipe(v.string(), v.regex(re));
const record = v.record(v.string(), v.unknown());
const userId = str(USER_ID);
const messageId = str(MESSAGE_ID);

export const QueryChannelsBody = v.looseObject({
  filter_conditions: v.optional(record),
  sort: v.optional(
    v.union([
      v.pipe(
        v.array(v.looseObject({ field: v.string(), direction: v.optional(v.picklist([1, -1])) })),
        v.maxLength(5),
      ),
      v.record(v.string(), v.picklist([1, -1])),
    ]),
  ),
  state: bool,
  watch: bool,
  presence: bool,
  limit: int(1, 30),
  offset: int(0, 10_000),
  message_limit: int(0, 300),
});

const MemberInput = v.union([userId, v.looseObject({ user_id: userId })]);

export const QueryChannelBody = v.looseObject({
  data: v.optional(
    v.looseObject({ members: v.optional(v.pipe(v.array(MemberInput), v.maxLength(100))) }),
  ),
  state: bool,
  watch: bool,
  presence: bool,
  messages: v.optional(
    v.looseObject({
      limit: int(0, 300),
      id_lt: v.optional(messageId),
      id_gt: v.optional(messageId),
    }),
  ),
});

const Attachments = v.pipe(v.array(v.unknown()), v.maxLength(30));
const Mentioned = v.pipe(
  v.array(v.union([userId, v.looseObject({ id: userId })])),
  v.maxLength(100),
);
const Text = v.pipe(v.string(), v.maxLength(MAX_TEXT_LENGTH));

export const SendMessageBody = v.looseObject({
  message: v.looseObject({
    id: v.optional(messageId),
    text: v.optional(Text),
    attachments: v.optional(Attachments),
    mentioned_users: v.optional(Mentioned),
    parent_id: v.optional(messageId),
    show_in_channel: bool,
    quoted_message_id: v.optional(messageId),
    silent: bool,
  }),
});

export const UpdateMessageBody = v.looseObject({
  message: v.looseObject({
    text: v.optional(Text),
    attachments: v.optional(Attachments),
    mentioned_users: v.optional(Mentioned),
    pinned: bool,
  }),
});

export const PartialUpdateMessageBody = v.looseObject({
  set: v.optional(
    v.looseObject({
      text: v.optional(Text),
      attachments: v.optional(Attachments),
      mentioned_users: v.optional(Mentioned),
      pinned: bool,
    }),
  ),
  unset: v.optional(v.pipe(v.array(v.string()), v.maxLength(50))),
});

export const ReadBody = v.looseObject({ message_id: v.optional(messageId) });

export const EventBody = v.looseObject({
  event: v.looseObject({ type: str(EVENT_TYPE), parent_id: v.optional(messageId) }),
});

export const PartialUpdateChannelBody = v.looseObject({
  set: v.optional(record),
  unset: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(50))),
});

export const ReactionBody = v.looseObject({
  reaction: v.looseObject({ type: str(REACTION_TYPE), score: int(1, 100) }),
  enforce_unique: bool,
});

/** Parses with a schema or throws a 400 naming the first problem. */
export function parse<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? 'body';
  throw badRequest(`Invalid ${path}: ${issue.message}`);
}

export function checkParam(value: string, re: RegExp, what: string): string {
  if (!re.test(value)) throw badRequest(`Invalid ${what}.`);
  return value;
}

/** Rejects reserved keys and oversized custom channel data. */
export function checkChannelData(data: Record<string, unknown>): void {
  for (const key of Object.keys(data)) {
    if (RESERVED_CHANNEL_KEYS.has(key)) throw badRequest(`Channel field "${key}" is reserved.`);
    if (key.length > 64 || key === '__proto__') throw badRequest('Invalid channel field name.');
  }
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_CHANNEL_DATA_BYTES) {
    throw badRequest('Custom channel data is larger than 64 KiB.');
  }
}

export function memberIds(members: Array<string | { user_id: string }>): string[] {
  return [...new Set(members.map((m) => (typeof m === 'string' ? m : m.user_id)))];
}
