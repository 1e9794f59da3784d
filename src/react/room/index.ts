// The call room UI (CallRoom, ParticipantTile, CallControls, PreJoin, CallDock): filled by the room engineer.
export {};
