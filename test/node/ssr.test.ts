/**
 * Server rendering (Next.js and friends): every browser entry imports and renders in Node with no
 * `window`, `document`, `navigator` or `AudioContext`, and nothing browser-only runs before effects.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { StreamChat } from 'stream-chat';
import { type ChatContextValue, ChatProvider } from 'stream-chat-react';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('runs in an environment without browser globals', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    expect(typeof AudioContext).toBe('undefined');
  });

  it.each(['index', 'agora', 'hms', 'local'])(
    'imports the %s entry without a DOM',
    async (name) => {
      const entry = await import(`../../src/${name}.ts`);
      expect(Object.keys(entry).length).toBeGreaterThan(0);
    },
  );

  it('renders the provider, the call room and the incoming-call listener to a string', async () => {
    const { CallsProvider, CallRoom, IncomingCall } = await import('../../src/index');
    const { local } = await import('../../src/local');
    const client = new StreamChat('dev', { baseURL: 'http://127.0.0.1:9' });
    // <Chat> renders nothing until its translations load (async): give the context directly.
    const chat = { client, theme: 'str-chat__theme-light' } as unknown as ChatContextValue;
    const html = renderToString(
      createElement(
        ChatProvider,
        { value: chat },
        createElement(
          CallsProvider,
          { providers: [local()] },
          createElement('main', null, 'chat'),
          createElement(CallRoom),
          createElement(IncomingCall),
        ),
      ),
    );
    expect(html).toContain('chat');
  });
});
