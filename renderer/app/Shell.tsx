/**
 * The application shell: navigation between the planner's views, the view itself, the status bar on every view,
 * and the keyboard help overlay. Global shortcuts: "?" help, Alt+1..4 views.
 */
import { Suspense, lazy, useEffect } from 'react';
import type { ReactNode } from 'react';
import { DecisionsView } from '../decisions/DecisionsView';
import { ExceptionsView } from '../exceptions/ExceptionsView';
import { HelpOverlay } from '../help/HelpOverlay';
import { InventoryView } from '../inventory/InventoryView';
import { SignInView } from '../session/SignInView';
import { selectHelpOpen, selectOpenExceptionCount, selectProposedCount, selectSession, selectView, useWorkbench, useWorkbenchStore } from '../state';
import type { ViewId } from '../state';
import { StatusBar } from '../status/StatusBar';
import { AllocationMount } from './AllocationMount';

// The governance views (and AG Charts with Insights) load on first visit: the planner's opening views do not wait
// for their code to download and parse.
const PolicyView = lazy(() => import('../policy/PolicyView').then((m) => ({ default: m.PolicyView })));
const AuditView = lazy(() => import('../audit/AuditView').then((m) => ({ default: m.AuditView })));
const InsightsView = lazy(() => import('../insights/InsightsView').then((m) => ({ default: m.InsightsView })));

/** A lazily loaded view's section: the same frame as the other views, with a status line while its code loads. */
function LazyView({ id, children }: { id: string; children: ReactNode }) {
  return (
    <section className="view view-scroll" data-testid={`view-${id}`}>
      <Suspense
        fallback={
          <p className="view-loading" role="status">
            Loading the view…
          </p>
        }
      >
        {children}
      </Suspense>
    </section>
  );
}

const VIEWS: readonly { id: Exclude<ViewId, 'sign-in'>; label: string }[] = [
  { id: 'exceptions', label: 'Exceptions' },
  { id: 'allocation', label: 'Allocation' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'policy', label: 'Policies' },
  { id: 'audit', label: 'Audit' },
  { id: 'insights', label: 'Insights' },
];

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'password', 'url', 'tel', 'date']);

/** True when a key goes into a text field (where "?" is a character, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === 'INPUT') return TEXT_INPUTS.has((el as HTMLInputElement).type);
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

export function Shell() {
  const store = useWorkbenchStore();
  const view = useWorkbench(selectView);
  const helpOpen = useWorkbench(selectHelpOpen);
  const session = useWorkbench(selectSession);
  const openExceptions = useWorkbench(selectOpenExceptionCount);
  const proposed = useWorkbench(selectProposedCount);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target)) {
        e.preventDefault();
        store.getState().setHelpOpen(!store.getState().helpOpen);
      } else if (e.altKey && !e.ctrlKey && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        const target = VIEWS[Number(e.key) - 1];
        if (target) store.getState().navigate(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const badge = (id: string) => (id === 'exceptions' && openExceptions > 0 ? openExceptions : id === 'decisions' && proposed > 0 ? proposed : null);

  return (
    <div className="shell" data-testid="app-shell">
      <header className="shell-header">
        <h1>Allocation Workbench</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-current={view === v.id ? 'page' : undefined} onClick={() => store.getState().navigate(v.id)}>
              {v.label}
              {/* The count is decoration; the button's name stays the view's name for screen readers and tests. */}
              {badge(v.id) !== null ? (
                <span className="badge" aria-hidden="true" title={v.id === 'decisions' ? 'proposed' : 'open'}>
                  {badge(v.id)}
                </span>
              ) : null}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" className="header-link" onClick={() => store.getState().setHelpOpen(true)} aria-label="Keyboard shortcuts (?)">
          ?
        </button>
        {session ? (
          <button type="button" className="header-link" onClick={() => void store.getState().signOut().then(() => store.getState().navigate('sign-in'))}>
            Sign out {session.username}
          </button>
        ) : (
          <button type="button" className="header-link" onClick={() => store.getState().navigate('sign-in')} data-testid="nav-sign-in">
            Sign in
          </button>
        )}
      </header>
      <main className="shell-main" data-testid={`view-${view}-main`}>
        {view === 'sign-in' ? <SignInView /> : null}
        {view === 'exceptions' ? <ExceptionsView /> : null}
        {view === 'allocation' ? <AllocationMount /> : null}
        {view === 'inventory' ? <InventoryView /> : null}
        {view === 'decisions' ? <DecisionsView /> : null}
        {view === 'policy' ? (
          <LazyView id="policy">
            <PolicyView store={store} />
          </LazyView>
        ) : null}
        {view === 'audit' ? (
          <LazyView id="audit">
            <AuditView store={store} />
          </LazyView>
        ) : null}
        {view === 'insights' ? (
          <LazyView id="insights">
            <InsightsView store={store} />
          </LazyView>
        ) : null}
      </main>
      <StatusBar />
      {helpOpen ? <HelpOverlay onClose={() => store.getState().setHelpOpen(false)} /> : null}
    </div>
  );
}
