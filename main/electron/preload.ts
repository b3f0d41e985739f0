/**
 * The sandboxed preload: exposes exactly the typed bridge as `window.workbench` and nothing of Node or Electron.
 * Bundled to one CommonJS file (sandboxed preloads cannot load modules). Main validates every call again; the
 * channel check here only fails fast on a typo that slipped past the compiler.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { WorkbenchBridge } from '../../shared/ipc';
import { CHANNEL_NAMES } from '../../shared/ipc/channels';

const allowed: readonly string[] = CHANNEL_NAMES;

const bridge = {
  platform: 'desktop',
  invoke: ((channel: string, arg?: unknown) => {
    if (!allowed.includes(channel)) return Promise.reject(new Error(`unknown channel ${channel}`));
    return ipcRenderer.invoke(channel, arg);
  }) as WorkbenchBridge['invoke'],
} satisfies WorkbenchBridge;

contextBridge.exposeInMainWorld('workbench', bridge);
