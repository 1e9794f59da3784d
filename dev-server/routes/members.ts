/** `GET /members` (query members): what `channel.queryMembers` sends, from a member or a server. */
import * as v from 'valibot';
import { matchMember } from '../filters';
import { CHANNEL_ID, CHANNEL_TYPE, parse } from '../validate';
import { type Ctx, channelOr404, type Route, readPayload, requireMember } from './context';

const QueryMembersPayload = v.looseObject({
  type: v.pipe(v.string('type is required.'), v.regex(CHANNEL_TYPE, 'type is not valid.')),
  id: v.pipe(
    v.string('id is required (the dev server does not query members by member list).'),
    v.regex(CHANNEL_ID, 'id is not valid.'),
  ),
  filter_conditions: v.optional(v.record(v.string(), v.unknown()), {}),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(300)), 100),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)), 0),
});

function queryMembers(ctx: Ctx) {
  const payload = parse(QueryMembersPayload, readPayload(ctx));
  const { store, serialize } = ctx.app;
  const channel = channelOr404(ctx.app, payload.type, payload.id);
  // A user reads the members of their own channels; a server reads any channel's.
  if (!ctx.auth.server) requireMember(channel, ctx.auth.userId);
  const members = [...channel.members.values()]
    .filter((m) =>
      matchMember(payload.filter_conditions, {
        user_id: m.user_id,
        name: store.users.get(m.user_id)?.name ?? m.user_id,
      }),
    )
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.user_id.localeCompare(b.user_id))
    .slice(payload.offset, payload.offset + payload.limit)
    .map((m) => serialize.member(m));
  return { body: { members } };
}

export const memberRoutes: Route[] = [
  { method: 'GET', pattern: /^\/members$/, handler: queryMembers, server: true },
];
