/**
 * The root component: builds this window's services and store once, boots them (configuration, remembered identity,
 * cached data, sync), and renders the shell.
 */
import { useEffect, useState } from 'react';
import { WorkbenchProvider, bootWorkbench, createWorkbenchStore } from '../state';
import type { WorkbenchStore } from '../state';
import { createAppServices } from './services';
import { Shell } from './Shell';

const booted = new WeakSet<WorkbenchStore>();

export function App() {
  const [store] = useState(() => {
    const s = createWorkbenchStore(createAppServices().services);
    // Local and synchronous: views mount with their saved views already known.
    s.getState().loadPreferences();
    return s;
  });
  useEffect(() => {
    // StrictMode runs effects twice in development; the store boots once.
    if (booted.has(store)) return;
    booted.add(store);
    void bootWorkbench(store);
  }, [store]);
  return (
    <WorkbenchProvider store={store}>
      <Shell />
    </WorkbenchProvider>
  );
}
