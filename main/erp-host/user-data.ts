/**
 * Where the workbench keeps its own files (settings, session, the built-in reference ERP's data), matching
 * Electron's `app.getPath('userData')` for the product name, so the desktop app and the browser mode share them.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Allocation Workbench';

/** The per-user data folder for this platform. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.WORKBENCH_DATA_DIR) return env.WORKBENCH_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
