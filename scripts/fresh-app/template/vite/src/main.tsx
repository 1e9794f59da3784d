/**
 * The app's own part: it signs a user in against the dev server (`?user=alice`) and renders the
 * README's component (src/ChatWithCalls.tsx, written from README.md by the fresh-app test).
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { UserResponse } from 'stream-chat';
import { useCreateChatClient } from 'stream-chat-react';
import 'stream-chat-react/css/index.css';
import { ChatWithCalls } from './ChatWithCalls';

const baseURL = import.meta.env.VITE_STREAM_BASE_URL;
const apiKey = import.meta.env.VITE_STREAM_API_KEY;

interface SignedIn {
  token: string;
  user: UserResponse;
}

function SignedInApp({ token, user }: SignedIn) {
  const client = useCreateChatClient({
    apiKey,
    tokenOrProvider: token,
    userData: user,
    options: { baseURL },
  });
  if (!client) return <p role="status">Connecting…</p>;
  return <ChatWithCalls client={client} callServiceURL={baseURL} />;
}

function App() {
  const [signedIn, setSignedIn] = useState<SignedIn>();
  useEffect(() => {
    const userId = new URLSearchParams(location.search).get('user') ?? 'alice';
    const abort = new AbortController();
    fetch(`${baseURL}/dev/token?user_id=${encodeURIComponent(userId)}`, { signal: abort.signal })
      .then((r) => r.json() as Promise<SignedIn>)
      .then(setSignedIn, () => {});
    return () => abort.abort();
  }, []);
  return signedIn ? <SignedInApp {...signedIn} /> : <p role="status">Signing in…</p>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
