/** The banner above a governance view: what the last action did, in the planner's words. */
import type { Message } from './slice-types';

export function MessageBanner({ message, onDismiss, testId }: { message: Message | null; onDismiss?: () => void; testId: string }) {
  if (!message) return null;
  return (
    <div className={`gov-banner gov-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <span>{message.text}</span>
      {onDismiss ? (
        <button type="button" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      ) : null}
    </div>
  );
}
