import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Channel as StreamChannel, StreamChat } from 'stream-chat';
import { Channel, Chat, Streami18n, WithComponents } from 'stream-chat-react';
import { vi } from 'vitest';
import type { CallApi } from '../../../src/core/api';
import type { CallController } from '../../../src/core/controller';
import type { CallProvider } from '../../../src/core/provider';
import type { CallLiveState } from '../../../src/core/types';
import { CallAttachment } from '../../../src/react/CallAttachment';
import { CallsProvider, type CallsProviderProps } from '../../../src/react/CallsProvider';
import { useCallsContext } from '../../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../../src/react/i18n';
import { resetVisibilityObserver } from '../../../src/react/internal/visibility';

// A real Chat + Channel + axe in jsdom is slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// jsdom has no scrolling: stream-chat-react's MessageList scrolls when a message arrives.
Element.prototype.scrollBy ??= () => {};
Element.prototype.scrollTo ??= () => {};

export function i18n(language: 'en' | 'es' = 'en'): Streami18n {
  return registerCallTranslations(new Streami18n({ language }));
}

export interface RenderChatOptions extends Partial<Omit<CallsProviderProps, 'children'>> {
  client: StreamChat;
  channel: StreamChannel;
  api: CallApi;
  providers?: CallProvider[];
  language?: 'en' | 'es';
  /** Render outside `<Channel>` (e.g. IncomingCall at the app's root). */
  outside?: ReactNode;
  /** stream-chat-react's Chat theme classes. */
  theme?: string;
}

/** Real Chat + Channel + CallsProvider around `ui`, offline. */
export function renderInChat(ui: ReactNode, options: RenderChatOptions) {
  const { client, channel, language = 'en', outside, theme, providers = [], ...calls } = options;
  return render(
    <Chat client={client} i18nInstance={i18n(language)} theme={theme}>
      <CallsProvider providers={providers} {...calls}>
        <WithComponents overrides={{ Attachment: CallAttachment }}>
          <Channel channel={channel}>{ui}</Channel>
        </WithComponents>
        {outside}
      </CallsProvider>
    </Chat>,
  );
}

/** A controllable IntersectionObserver (jsdom has none): `show(el)` reports it visible. */
export function installIntersectionObserver() {
  resetVisibilityObserver();
  const observers = new Set<FakeIO>();
  class FakeIO {
    readonly targets = new Set<Element>();
    constructor(readonly cb: IntersectionObserverCallback) {
      observers.add(this);
    }
    observe(el: Element) {
      this.targets.add(el);
    }
    unobserve(el: Element) {
      this.targets.delete(el);
    }
    disconnect() {
      this.targets.clear();
      observers.delete(this);
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return {
    observed: () => [...observers].reduce((n, o) => n + o.targets.size, 0),
    show(elements: Element[]) {
      for (const o of observers) {
        const hits = elements.filter((e) => o.targets.has(e));
        if (hits.length === 0) continue;
        o.cb(
          hits.map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry),
          o as unknown as IntersectionObserver,
        );
      }
    },
  };
}

/** The server's `call.ended` channel event (messaging:general) arriving at `client`. */
export function dispatchCallEnded(
  client: { dispatchEvent(event: never): void },
  callState: CallLiveState,
): void {
  act(() =>
    client.dispatchEvent({
      type: 'call.ended',
      cid: 'messaging:general',
      call_state: callState,
    } as never),
  );
}

let probed: CallController | undefined;

/** Renders nothing; keeps the CallsProvider's controller for `probedController()`. */
export function ControllerProbe() {
  probed = useCallsContext().controller;
  return null;
}

/** The controller of the last rendered `<ControllerProbe />`. */
export function probedController(): CallController {
  if (!probed) throw new Error('Render <ControllerProbe /> inside <CallsProvider> first.');
  return probed;
}
