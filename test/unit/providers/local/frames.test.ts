import { describe, expect, test } from 'vitest';
import { parseServerFrame } from '../../../../src/providers/local/frames';

const j = (x: unknown) => JSON.stringify(x);
const long = (n: number) => 'x'.repeat(n);

describe('parseServerFrame', () => {
  test.each([
    [
      'welcome with peers',
      { type: 'welcome', peer_id: 'a', peers: [{ peer_id: 'b', user_id: 'bob', extra: 1 }] },
      { type: 'welcome', peer_id: 'a', peers: [{ peer_id: 'b', user_id: 'bob' }] },
    ],
    [
      'peer-joined with state',
      {
        type: 'peer-joined',
        peer: {
          peer_id: 'b',
          user_id: 'u',
          name: 'B',
          state: { audio: true, video: false, screen: false },
        },
      },
      {
        type: 'peer-joined',
        peer: {
          peer_id: 'b',
          user_id: 'u',
          name: 'B',
          state: { audio: true, video: false, screen: false },
        },
      },
    ],
    ['peer-left', { type: 'peer-left', peer_id: 'b' }, { type: 'peer-left', peer_id: 'b' }],
    [
      'an offer',
      { type: 'signal', from: 'b', data: { description: { type: 'offer', sdp: 'v=0' } } },
      { type: 'signal', from: 'b', data: { description: { type: 'offer', sdp: 'v=0' } } },
    ],
    [
      'a candidate',
      {
        type: 'signal',
        from: 'b',
        data: { candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } },
      },
      {
        type: 'signal',
        from: 'b',
        data: { candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } },
      },
    ],
    [
      'end of candidates',
      { type: 'signal', from: 'b', data: { candidate: null } },
      { type: 'signal', from: 'b', data: { candidate: null } },
    ],
    [
      'peer-state',
      { type: 'peer-state', peer_id: 'b', state: { audio: false, video: true, screen: true } },
      { type: 'peer-state', peer_id: 'b', state: { audio: false, video: true, screen: true } },
    ],
    ['ended', { type: 'ended' }, { type: 'ended' }],
    [
      'error',
      { type: 'error', code: 'unknown-peer', message: 'no' },
      { type: 'error', code: 'unknown-peer', message: 'no' },
    ],
  ])('accepts %s (unknown keys dropped)', (_, frame, expected) => {
    expect(parseServerFrame(j(frame))).toMatchObject(expected);
    expect(j(parseServerFrame(j(frame)))).not.toContain('extra');
  });

  test.each([
    ['not JSON', '{'],
    ['not an object', j([1])],
    ['an unknown type', j({ type: 'hello' })],
    [
      'a welcome whose peer has no user',
      j({ type: 'welcome', peer_id: 'a', peers: [{ peer_id: 'b' }] }),
    ],
    ['a too long peer id', j({ type: 'peer-left', peer_id: long(129) })],
    [
      'a rollback description',
      j({ type: 'signal', from: 'b', data: { description: { type: 'rollback' } } }),
    ],
    [
      'an oversized sdp',
      j({ type: 'signal', from: 'b', data: { description: { type: 'offer', sdp: long(60_001) } } }),
    ],
    [
      'a candidate with a bad line index',
      j({ type: 'signal', from: 'b', data: { candidate: { sdpMLineIndex: '0' } } }),
    ],
    [
      'a state with a string flag',
      j({ type: 'peer-state', peer_id: 'b', state: { audio: 'yes', video: true, screen: false } }),
    ],
    ['a frame over 64 KiB', j({ type: 'ended', pad: long(70_000) })],
    ['a non-string', 42],
  ])('rejects %s', (_, raw) => {
    expect(parseServerFrame(raw)).toBeUndefined();
  });
});
