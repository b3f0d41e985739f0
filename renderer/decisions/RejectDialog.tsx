/** Asks for the reason of a rejection (the proposer reads it); Enter confirms, Escape cancels. */
import { useState } from 'react';

export function RejectDialog({ count, onConfirm, onCancel }: { count: number; onConfirm(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="reject-title" data-testid="reject-dialog" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="overlay-panel"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason);
        }}
      >
        <h2 id="reject-title">
          Reject {count} decision{count === 1 ? '' : 's'}
        </h2>
        <label>
          Reason
          <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" placeholder="e.g. customer agreed to wait for the inbound" />
        </label>
        <div className="actions">
          <button type="submit" className="danger" disabled={reason.trim() === ''} data-testid="reject-confirm">
            Reject
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
