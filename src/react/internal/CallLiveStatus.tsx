import { Avatar, useTranslationContext } from 'stream-chat-react';
import type { CallLiveState } from '../../core/types';
import { durationBetween, formatDuration } from './format';

/**
 * What a call card says about a call's live state: ongoing with who is in it, or ended with how
 * long it lasted. Loaded with the live-state store (see LiveStateCache), so it is there whenever
 * a card has a live state to show.
 */
export function CallLiveStatus({ live }: { live: CallLiveState }) {
  const { t } = useTranslationContext('CallCard');
  if (live.state === 'ongoing') {
    const people = live.participants;
    return (
      <>
        <span className="str-call__badge">{t('Ongoing')}</span>
        {people.length > 0 && (
          <span className="str-call__avatars" aria-hidden="true">
            {people.slice(0, 3).map((p) => (
              <Avatar key={p.user_id} size="sm" userName={p.name ?? p.user_id} imageUrl={p.image} />
            ))}
          </span>
        )}
        <span>{t('{{ count }} in the call', { count: people.length })}</span>
      </>
    );
  }
  const duration = durationBetween(live.started_at, live.ended_at);
  return (
    <span>
      {duration === undefined
        ? t('Ended')
        : t('Ended · {{ duration }}', { duration: formatDuration(duration, t) })}
    </span>
  );
}
