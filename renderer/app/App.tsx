/**
 * The application shell: navigation between the planner's views and the status bar. Views are filled in by their
 * feature folders; the shell only knows their names.
 */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/ipc';
import { getBridge } from '../bridge/get-bridge';

const VIEWS = [
  { id: 'exceptions', label: 'Exceptions' },
  { id: 'allocation', label: 'Allocation' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'decisions', label: 'Decisions' },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

export function App() {
  const [view, setView] = useState<ViewId>('exceptions');
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getBridge()
      .invoke('app:info')
      .then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <div className="shell" data-testid="app-shell">
      <header className="shell-header">
        <h1>Allocation Workbench</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-current={view === v.id ? 'page' : undefined} onClick={() => setView(v.id)}>
              {v.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="shell-main" data-testid={`view-${view}`}>
        <p className="empty-state">Sign in to the ERP to pull exceptions and inventory.</p>
      </main>
      <footer className="status-bar" data-testid="status-bar">
        {error ? (
          <span role="alert">Cannot read the app's configuration: {error}</span>
        ) : info ? (
          <span data-testid="erp-connection">
            Connected to {info.erp.label} ({info.erp.baseUrl}) · {info.platform === 'desktop' ? 'desktop app' : 'browser mode'} · v{info.version}
          </span>
        ) : (
          <span>Starting…</span>
        )}
      </footer>
    </div>
  );
}
