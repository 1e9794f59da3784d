import { useEffect, useRef, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { Corner } from './useMovableCorner';

const MOVED: Record<Corner, string> = {
  'top-left': 'Moved to the top left corner',
  'top-right': 'Moved to the top right corner',
  'bottom-left': 'Moved to the bottom left corner',
  'bottom-right': 'Moved to the bottom right corner',
};

/**
 * What a live region says when a movable element (picture-in-picture, dock) changes corner: empty
 * until it moves, so the corner it opens in is not read out. Internal.
 */
export function useMoveAnnouncement(corner: Corner | undefined): string {
  const { t } = useTranslationContext();
  const [moved, setMoved] = useState('');
  const previous = useRef(corner);
  useEffect(() => {
    if (corner === previous.current) return;
    previous.current = corner;
    if (corner) setMoved(t(MOVED[corner]));
  }, [corner, t]);
  return moved;
}
