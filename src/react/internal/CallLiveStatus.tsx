import { Avatar, useTranslationContext } from 'stream-chat-react';
import type { CallLiveState } from '../../core/types';
import { durationBetween, formatDuration } from './format';

export interface CallLiveStatusProps {
  live: CallLiveState;
  /** The user reading the card: a call they started reads "No answer", one they were rung for "Missed call". */
  userId: string | undefined;
  /** The call rang this user and they did not answer. */
  missed: boolean;
}

/** Why a call ended, in the words of the one reading the card. */
function endedText(
  { ended_reason: reason, created_by, attendees }: CallLiveState,
  userId: string | undefined,
  missed: boolean,
): 'No answer' | 'Missed call' | 'Declined' | 'Busy' | 'Cancelled' | undefined {
  const starter = Boolean(userId && created_by?.id === userId);
  const attended = attendees.some((a) => a.user_id === userId);
  if (reason === 'declined') return 'Declined';
  if (reason === 'no-answer') return starter ? 'No answer' : 'Missed call';
  if (reason === 'busy') return starter ? 'Busy' : 'Missed call';
  if (reason === 'cancelled') return starter ? 'Cancelled' : 'Missed call';
  return missed && !attended ? 'Missed call' : undefined;
}

/**
 * What a call card says about a call's live state: ongoing with who is in it, or ended with how
 * long it lasted, or why nobody talked (no answer, missed, declined). Never "0 in the call": an
 * ongoing call nobody is in yet is starting, and one everybody has left is ending. Loaded with the
 * first card that has a live state to show.
 */
export function CallLiveStatus({ live, userId, missed }: CallLiveStatusProps) {
  const { t } = useTranslationContext('CallCard');
  if (live.state === 'ongoing') {
    const people = live.participants;
    if (people.length === 0) {
      return (
        <span
          className="str-call__badge"
          data-live-detail={live.attendees.length ? 'ending' : 'starting'}
        >
          {live.attendees.length > 0 ? t('Ending…') : t('Starting…')}
        </span>
      );
    }
    return (
      <>
        <span className="str-call__badge">{t('Ongoing')}</span>
        <span className="str-call__avatars" aria-hidden="true">
          {people.slice(0, 3).map((p) => (
            <Avatar key={p.user_id} size="sm" userName={p.name ?? p.user_id} imageUrl={p.image} />
          ))}
        </span>
        <span>{t('{{ count }} in the call', { count: people.length })}</span>
      </>
    );
  }
  const why = endedText(live, userId, missed);
  if (why)
    return <span data-live-detail={why === 'Missed call' ? 'missed' : 'unanswered'}>{t(why)}</span>;
  const duration = durationBetween(live.started_at, live.ended_at);
  return (
    <span data-live-detail="ended">
      {duration === undefined
        ? t('Ended')
        : t('Ended · {{ duration }}', { duration: formatDuration(duration, t) })}
    </span>
  );
}
