/**
 * Sign-in: ERP address (the built-in reference ERP unless the planner used another), user, password. The identity
 * is remembered by the bridge so the app opens offline next time under the same user and role.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { selectDefaultErpAddress, selectSession, useWorkbench, useWorkbenchStore } from '../state';

export function SignInView() {
  const store = useWorkbenchStore();
  const defaultAddress = useWorkbench(selectDefaultErpAddress);
  const session = useWorkbench(selectSession);
  const state = useWorkbench((s) => s.signInState);
  const embedded = useWorkbench((s) => s.appInfo?.erp.embedded ?? false);
  const [address, setAddress] = useState<string | null>(null);
  const [user, setUser] = useState(session?.username ?? '');
  const [password, setPassword] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await store.getState().signIn(address ?? defaultAddress, user, password);
    if (ok) {
      setPassword('');
      store.getState().navigate('exceptions');
    }
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title" data-testid="view-sign-in">
      <form onSubmit={submit} className="card">
        <h2 id="sign-in-title">Sign in to the ERP</h2>
        {session && !session.hasToken ? (
          <p className="hint">
            You are working offline as {session.username} ({session.role}). Sign in again to pull changes and send approved decisions; nothing
            waiting is lost.
          </p>
        ) : null}
        <label>
          ERP address
          <input name="erp" type="url" required value={address ?? defaultAddress} onChange={(e) => setAddress(e.target.value)} />
        </label>
        {embedded && (address === null || address === defaultAddress) ? <p className="hint">The built-in reference ERP. Demo users: planner, supervisor, finance (password = user name).</p> : null}
        <label>
          User
          <input name="user" autoComplete="username" required value={user} onChange={(e) => setUser(e.target.value)} autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {state.phase === 'failed' ? (
          <p role="alert" className="error" data-testid="sign-in-error">
            {state.message}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={state.phase === 'signing-in'}>
            {state.phase === 'signing-in' ? 'Signing in…' : 'Sign in'}
          </button>
          {session ? (
            <button type="button" onClick={() => store.getState().navigate('exceptions')}>
              Keep working offline
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
