import { useEffect, useRef } from 'react';
import type { DemoConnectError } from './token';

export interface ConnectErrorProps {
  error: DemoConnectError;
  onRetry: () => void;
  onSignOut: () => void;
}

/** Why the chat did not connect, and what to do about it. */
export function ConnectError({ error, onRetry, onSignOut }: ConnectErrorProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Render `code` spans for the commands in the hint.
  const parts = error.hint.split(/`([^`]+)`/);
  return (
    <div className="demo-error" role="alert">
      <h1 ref={heading} tabIndex={-1}>
        Could not connect
      </h1>
      <p>{error.message}</p>
      <p>{parts.map((part, i) => (i % 2 === 1 ? <code key={part}>{part}</code> : part))}</p>
      <div className="demo-error__actions">
        <button type="button" className="demo-button demo-button--primary" onClick={onRetry}>
          Retry
        </button>
        <button type="button" className="demo-button" onClick={onSignOut}>
          Back to sign-in
        </button>
      </div>
    </div>
  );
}
