/** Types the governance slices share: the store shape they read and write, and a message for the banner. */
import type { Role } from '../../shared/domain';
import type { GovernanceActions, GovernanceState } from './governance-slice';

export interface Message {
  readonly tone: 'success' | 'info' | 'warning' | 'error';
  readonly text: string;
}

/** What the governance slice needs from the rest of the store (the shell's session, when there is one). */
export interface SessionLike {
  readonly session?: { readonly username: string; readonly role: Role } | null;
}

export interface GovernanceOwnState {
  governance: GovernanceState;
  governanceActions: GovernanceActions;
}
export type GovernanceStoreState = GovernanceOwnState & SessionLike;
/** The slice only ever writes its own keys, so any store's `set` that holds them fits (the workbench store's too). */
export type GovernanceSet = (partial: Partial<GovernanceOwnState> | ((s: GovernanceStoreState) => Partial<GovernanceOwnState>)) => void;
export type GovernanceGet = () => GovernanceStoreState;

/** Turns anything thrown into a sentence for the planner. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
