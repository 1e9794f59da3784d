import type { en } from './en';

/** Spanish. */
export const es: Record<keyof typeof en, string> = {
  Accept: 'Aceptar',
  'Audio call': 'Llamada de voz',
  'Audio call in progress': 'Llamada de voz en curso',
  Decline: 'Rechazar',
  Dismiss: 'Descartar',
  Ended: 'Finalizada',
  'Ended · {{ duration }}': 'Finalizada · {{ duration }}',
  'Incoming audio call': 'Llamada de voz entrante',
  'Incoming video call': 'Videollamada entrante',
  Join: 'Unirse',
  'Joining…': 'Uniéndose…',
  'Missed call from {{ name }}': 'Llamada perdida de {{ name }}',
  Ongoing: 'En curso',
  Retry: 'Reintentar',
  'Start audio call': 'Iniciar llamada de voz',
  'Start video call': 'Iniciar videollamada',
  'Started by {{ name }}': 'Iniciada por {{ name }}',
  "This call can't be joined": 'No es posible unirse a esta llamada',
  'Video call': 'Videollamada',
  'Video call in progress': 'Videollamada en curso',
  'You are in this call': 'Estás en esta llamada',
  "You can't start a call in this channel": 'No puedes iniciar una llamada en este canal',
  '{{ count }} in the call_one': '{{ count }} persona en la llamada',
  '{{ count }} in the call_other': '{{ count }} personas en la llamada',
  '{{ hours }} h {{ minutes }} min': '{{ hours }} h {{ minutes }} min',
  '{{ kind }} in {{ channel }}': '{{ kind }} en {{ channel }}',
  '{{ minutes }} min {{ seconds }} s': '{{ minutes }} min {{ seconds }} s',
  '{{ name }} is calling': '{{ name }} te está llamando',
  '{{ seconds }} s': '{{ seconds }} s',
  // The call's lifecycle: outgoing, no answer, call waiting, switching, the card's outcomes.
  'Ringing…': 'Sonando…',
  'In another call': 'En otra llamada',
  Invited: 'Invitados',
  'Call again': 'Volver a llamar',
  'Calling…': 'Llamando…',
  'Calling {{ name }}…': 'Llamando a {{ name }}…',
  'No answer': 'Sin respuesta',
  '{{ name }} declined': '{{ name }} rechazó la llamada',
  '{{ name }} is in another call': '{{ name }} está en otra llamada',
  'Missed call': 'Llamada perdida',
  Declined: 'Rechazada',
  Busy: 'Ocupado',
  Cancelled: 'Cancelada',
  'Starting…': 'Empezando…',
  'Ending…': 'Terminando…',
  'End and accept': 'Colgar y aceptar',
  'Accepting ends your current call': 'Al aceptar, terminas tu llamada actual',
  'Leave the call in {{ channel }}?': '¿Salir de la llamada en {{ channel }}?',
  'Leave your current call?': '¿Salir de tu llamada actual?',
  'Starting a new call ends your part in the current one.':
    'Al iniciar una llamada nueva, sales de la actual.',
  'Joining another call ends your part in the current one.':
    'Al unirte a otra llamada, sales de la actual.',
  'Stay in this call': 'Quedarme en esta llamada',
  'Leave and start': 'Salir e iniciar',
  'Leave and join': 'Salir y unirme',
  'You are in a call': 'Estás en una llamada',
  'You are in a call in this channel': 'Estás en una llamada en este canal',
  'The call request was not valid.': 'La solicitud de llamada no es válida.',
  'Your session has expired. Sign in again to join calls.':
    'Tu sesión ha caducado. Vuelve a iniciar sesión para unirte a llamadas.',
  'You are not a member of this channel.': 'No eres miembro de este canal.',
  'This call no longer exists.': 'Esta llamada ya no existe.',
  'This call has ended.': 'Esta llamada ha terminado.',
  'This call id is already used in another channel.':
    'Este identificador de llamada ya se usa en otro canal.',
  'Too many requests. Wait a moment and try again.':
    'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
  'The call service had a problem. Try again.':
    'El servicio de llamadas tuvo un problema. Vuelve a intentarlo.',
  'Could not reach the call service. Check your connection and try again.':
    'No se pudo contactar con el servicio de llamadas. Comprueba tu conexión y vuelve a intentarlo.',
  'The call service did not answer in time. Try again.':
    'El servicio de llamadas no respondió a tiempo. Vuelve a intentarlo.',
  'Could not get permission to join the call. Try again.':
    'No se obtuvo permiso para unirse a la llamada. Vuelve a intentarlo.',
  "This call can't be joined.": 'No es posible unirse a esta llamada.',
  "This app can't join calls of this kind.":
    'Esta aplicación no puede unirse a este tipo de llamadas.',
  "This app can't join this call: the {{ package }} package is not installed.":
    'Esta aplicación no puede unirse a esta llamada: el paquete {{ package }} no está instalado.',
  'Could not connect to the call. Try again.':
    'No se pudo conectar a la llamada. Vuelve a intentarlo.',
  'Camera or microphone access was denied.': 'Se denegó el acceso a la cámara o al micrófono.',
  'No camera or microphone was found.': 'No se encontró ninguna cámara ni micrófono.',
  'Your camera or microphone is in use by another app.':
    'Otra aplicación está usando tu cámara o tu micrófono.',
  'The call lost its connection.': 'La llamada perdió la conexión.',
  'The call is not in a state that allows this.': 'La llamada no está en un estado que lo permita.',
  'The call was cancelled.': 'La llamada se canceló.',
};
