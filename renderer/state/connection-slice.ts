/**
 * Connection: the app's configuration (which ERP), who is signed in (or remembered, so the app opens offline), and
 * the sign-in form's progress.
 */
import type { Role } from '../../shared/domain';
import type { AppInfo, SessionInfo } from '../../shared/ipc';
import type { WorkbenchServices } from './services';
import type { Slice } from './slice';
import { messageOf } from './slice';
import type { WorkbenchState } from './workbench-state';

export interface ConnectionSlice {
  appInfo: AppInfo | null;
  appInfoError: string | null;
  session: SessionInfo | null;
  /** True once the remembered session has been looked up (so the shell knows whether to show sign-in). */
  sessionChecked: boolean;
  signInState: { phase: 'idle' | 'signing-in' | 'failed'; message?: string };
  loadAppInfo(): Promise<void>;
  restoreSession(): Promise<void>;
  signIn(baseUrl: string, username: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
}

export const initialConnectionState = {
  appInfo: null,
  appInfoError: null,
  session: null,
  sessionChecked: false,
  signInState: { phase: 'idle' as const },
};

export function createConnectionSlice(services: WorkbenchServices): Slice<ConnectionSlice> {
  return (set, get) => ({
    ...initialConnectionState,
    async loadAppInfo() {
      try {
        set({ appInfo: await services.session.appInfo(), appInfoError: null });
      } catch (e) {
        set({ appInfoError: `Cannot read the app's configuration: ${messageOf(e)}. Restart the app; if it persists, reinstall it.` });
      }
    },
    async restoreSession() {
      try {
        set({ session: await services.session.current(), sessionChecked: true });
      } catch {
        set({ session: null, sessionChecked: true });
      }
    },
    async signIn(baseUrl, username, password) {
      const address = baseUrl.trim();
      if (!address || !username.trim() || !password) {
        set({ signInState: { phase: 'failed', message: 'Enter the ERP address, your user name and your password.' } });
        return false;
      }
      set({ signInState: { phase: 'signing-in' } });
      let result;
      try {
        result = await services.session.signIn(address, username.trim(), password);
      } catch (e) {
        set({ signInState: { phase: 'failed', message: `Sign-in failed: ${messageOf(e)}` } });
        return false;
      }
      if (!result.ok) {
        set({ signInState: { phase: 'failed', message: result.message } });
        return false;
      }
      set({ session: result.session, sessionChecked: true, signInState: { phase: 'idle' } });
      // What waited for a token goes now; the first pull fills an empty cache.
      await services.sync.signedIn().catch(() => undefined);
      void get().pullNow();
      return true;
    },
    async signOut() {
      await services.session.signOut();
      set({ session: null, signInState: { phase: 'idle' } });
    },
  });
}

/** The signed-in (or remembered) user, or null. */
export const selectSession = (s: WorkbenchState): SessionInfo | null => s.session;
export const selectUserName = (s: WorkbenchState): string | null => s.session?.username ?? null;
export const selectRole = (s: WorkbenchState): Role | null => s.session?.role ?? null;
/** The app opens on the sign-in view only when nobody was ever signed in here. */
export const selectNeedsSignIn = (s: WorkbenchState): boolean => s.sessionChecked && s.session === null;
/** Remembered identity without a usable token: work continues offline; sending waits for a sign-in. */
export const selectTokenMissing = (s: WorkbenchState): boolean => s.session !== null && !s.session.hasToken;
/** The ERP the sign-in form proposes: the last one used, else the built-in reference ERP. */
export const selectDefaultErpAddress = (s: WorkbenchState): string => s.session?.baseUrl ?? s.appInfo?.erp.baseUrl ?? '';
/** "Built-in reference ERP (http://127.0.0.1:4010)" */
export const selectErpLabel = (s: WorkbenchState): string | null => {
  if (s.session && s.appInfo && s.session.baseUrl !== s.appInfo.erp.baseUrl) return s.session.baseUrl;
  return s.appInfo ? `${s.appInfo.erp.label} (${s.appInfo.erp.baseUrl})` : null;
};
