/** Strings of the room's layouts and tiles: English-sentence key → English. Merged into the kit's i18n. */
export const layoutsEn: Record<string, string> = {
  '(you)': '(you)',
  'Drag it, or focus it and use the arrow keys, to move it to another corner.':
    'Drag it, or focus it and use the arrow keys, to move it to another corner.',
  'Moved to the bottom left corner': 'Moved to the bottom left corner',
  'Moved to the bottom right corner': 'Moved to the bottom right corner',
  'Moved to the top left corner': 'Moved to the top left corner',
  'Moved to the top right corner': 'Moved to the top right corner',
  Participants: 'Participants',
  'Stop presenting': 'Stop presenting',
  'Waiting for others to join…': 'Waiting for others to join…',
  'You are presenting to everyone': 'You are presenting to everyone',
  'Your video': 'Your video',
};
