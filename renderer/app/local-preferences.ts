/** Preferences in localStorage: this machine only, survives restarts; unreadable values start fresh. */
import type { PreferencesStorage } from '../state/services';

export function createLocalPreferences(key: string): PreferencesStorage {
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        return raw ? (JSON.parse(raw) as unknown) : null;
      } catch {
        return null;
      }
    },
    save(value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // A full or blocked storage loses the saved views, never the planner's work.
      }
    },
  };
}
