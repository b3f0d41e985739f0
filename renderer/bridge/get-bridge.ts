/**
 * Picks the bridge implementation: the preload's `window.workbench` in the desktop shell, the in-page browser
 * implementation otherwise. The rest of the renderer only ever sees the WorkbenchBridge interface.
 */
import type { WorkbenchBridge } from '../../shared/ipc';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

let cached: WorkbenchBridge | undefined;

/** The bridge for this window (created once). */
export function getBridge(): WorkbenchBridge {
  if (!cached) cached = window.workbench ?? createBrowserBridge({ fetch: window.fetch.bind(window), location: window.location });
  return cached;
}
