/**
 * The signed-in app, laid out as the kit's README recommends: stream-chat-react's Chat, the kit's
 * CallsProvider with the providers this app uses, CallAttachment as the Attachment override and
 * CallChannelListItem as the channel list row (a call message previewed by its words), call
 * buttons and the live-call banner in the channel header, and CallRoom (with its pre-join
 * preview; it minimises to its dock) and IncomingCall once for the whole app.
 */
import { useEffect, useMemo, useState } from 'react';
import type { StreamChat } from 'stream-chat';
import {
  type Call,
  CallAttachment,
  CallChannelListItem,
  type CallKitError,
  CallRoom,
  CallsProvider,
  ChannelCallBanner,
  callServiceApi,
  IncomingCall,
  type NotifyMode,
  type ProviderName,
  StartCallButton,
} from 'stream-chat-calls';
import { agora } from 'stream-chat-calls/agora';
import { hms } from 'stream-chat-calls/hms';
import { local } from 'stream-chat-calls/local';
import {
  Channel,
  ChannelHeader,
  ChannelList,
  Chat,
  MessageComposer,
  MessageList,
  Window,
  WithComponents,
} from 'stream-chat-react';
import { ConnectError } from './ConnectError';
import type { DemoConfig, Language, Theme } from './config';
import { createI18n } from './i18n';
import { Toolbar } from './Toolbar';
import { useChatClient } from './useChatClient';

const FACTORIES = { local, agora, hms } as const;

function logCallError(error: CallKitError, call?: Call) {
  console.warn(`[stream-chat-calls] ${error.code}: ${error.message}`, { call, cause: error.cause });
}

export interface ChatAppProps {
  config: DemoConfig;
  userId: string;
  /** `?provider=`: which provider new calls use (the server's default when unset). */
  provider?: ProviderName;
  /** `?notify=`: how new calls are announced (message, channel data, or a custom event). */
  notify?: NotifyMode;
  /** `?ringTimeout=`: how long a call rings before "No answer" (default the kit's 30 s). */
  ringTimeoutMs?: number;
  theme: Theme;
  language: Language;
  onThemeChange: (theme: Theme) => void;
  onLanguageChange: (language: Language) => void;
  onSignOut: () => void;
}

export function ChatApp(props: ChatAppProps) {
  const { config, userId, theme, onSignOut } = props;
  const [attempt, setAttempt] = useState(0);
  const state = useChatClient(config, userId, attempt);

  if (state.status === 'ready') return <SignedIn {...props} client={state.client} />;
  return (
    <main
      className={`str-chat str-chat__theme-${theme} demo-status`}
      aria-busy={state.status === 'connecting'}
    >
      {state.status === 'connecting' ? (
        <p role="status">Connecting as {userId}…</p>
      ) : (
        <ConnectError
          error={state.error}
          onRetry={() => setAttempt((n) => n + 1)}
          onSignOut={onSignOut}
        />
      )}
    </main>
  );
}

function SignedIn({
  client,
  config,
  userId,
  provider,
  notify,
  ringTimeoutMs,
  theme,
  language,
  onThemeChange,
  onLanguageChange,
  onSignOut,
}: ChatAppProps & { client: StreamChat }) {
  const [i18n] = useState(() => createI18n(language));
  useEffect(() => {
    void i18n.setLanguage(language);
  }, [i18n, language]);

  const providers = useMemo(
    () => config.providers.map((name) => FACTORIES[name]()),
    [config.providers],
  );
  const api = useMemo(
    () =>
      config.callsBaseURL ? callServiceApi({ baseURL: config.callsBaseURL, client }) : undefined,
    [config.callsBaseURL, client],
  );
  const filters = useMemo(() => ({ type: 'messaging', members: { $in: [userId] } }), [userId]);
  const callOptions = provider ? { provider } : undefined;
  const [navOpen, setNavOpen] = useState(false);
  const themeClass = `str-chat__theme-${theme}`;

  return (
    <Chat client={client} theme={themeClass} i18nInstance={i18n}>
      <CallsProvider
        providers={providers}
        api={api}
        notify={notify}
        ringTimeoutMs={ringTimeoutMs}
        // Offline or blocked clouds never answer a join: give up (with Retry) after 10 s.
        joinTimeoutMs={10_000}
        // The UI shows a readable message; the console keeps the details for developers.
        onError={logCallError}
      >
        <WithComponents
          overrides={{ Attachment: CallAttachment, ChannelListItemUI: CallChannelListItem }}
        >
          <div className={`str-chat ${themeClass} demo-app`} data-nav-open={navOpen || undefined}>
            <Toolbar
              user={client.user}
              theme={theme}
              language={language}
              navOpen={navOpen}
              onNavToggle={() => setNavOpen((o) => !o)}
              onThemeChange={onThemeChange}
              onLanguageChange={onLanguageChange}
              onSignOut={onSignOut}
            />
            <div className="demo-app__body">
              {/* On phones the list is a drawer: picking a channel (click or keyboard) closes it. */}
              {/* biome-ignore lint/a11y/useKeyWithClickEvents: the items are buttons; Enter/Space click them */}
              <nav
                className="demo-app__channels"
                aria-label="Channels"
                id="demo-channels"
                onClick={(e) => {
                  if ((e.target as Element).closest('.str-chat__channel-list-item'))
                    setNavOpen(false);
                }}
              >
                <ChannelList
                  filters={filters}
                  sort={{ last_message_at: -1 }}
                  options={{ state: true, watch: true, presence: true, limit: 30 }}
                />
              </nav>
              <section className="demo-app__channel">
                <Channel>
                  <Window>
                    <div className="demo-channel-header">
                      <ChannelHeader />
                      <div className="demo-channel-header__calls">
                        {/* Start opens the pre-join preview; its Join joins the call. */}
                        <StartCallButton type="audio" options={callOptions} join={false} />
                        <StartCallButton type="video" options={callOptions} join={false} />
                      </div>
                    </div>
                    <ChannelCallBanner />
                    {/* No second "Today" at the first unread message of the day (the unread
                        separator still marks it). */}
                    <MessageList hideNewMessageSeparator />
                    <MessageComposer />
                  </Window>
                </Channel>
              </section>
              {/* The kit places the room itself: an overlay over the page (its pre-join preview
                  first), the dock when minimised. */}
              <CallRoom preJoin />
            </div>
          </div>
        </WithComponents>
        <IncomingCall />
      </CallsProvider>
    </Chat>
  );
}
