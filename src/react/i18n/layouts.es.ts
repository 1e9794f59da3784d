/** Strings of the room's layouts and tiles in Spanish (keys are the English sentences in layouts.en.ts). */
export const layoutsEs: Record<string, string> = {
  '(you)': '(tú)',
  'Drag it, or focus it and use the arrow keys, to move it to another corner.':
    'Arrástralo, o selecciónalo y usa las flechas, para llevarlo a otra esquina.',
  'Moved to the bottom left corner': 'Movido a la esquina inferior izquierda',
  'Moved to the bottom right corner': 'Movido a la esquina inferior derecha',
  'Moved to the top left corner': 'Movido a la esquina superior izquierda',
  'Moved to the top right corner': 'Movido a la esquina superior derecha',
  Participants: 'Participantes',
  'Stop presenting': 'Dejar de presentar',
  'Waiting for others to join…': 'Esperando a que se unan los demás…',
  'You are presenting to everyone': 'Estás presentando a todos',
  'Your video': 'Tu vídeo',
};
