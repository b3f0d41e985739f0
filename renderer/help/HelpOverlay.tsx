/** The keyboard help overlay ("?"): every shortcut, closed with Escape. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="overlay-panel">
        <header>
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={onClose} aria-label="Close help">
            ×
          </button>
        </header>
        <table className="shortcuts">
          <thead>
            <tr>
              <th>Keys</th>
              <th>Action</th>
              <th>Where</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.action}</td>
                <td>{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
