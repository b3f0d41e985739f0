import { describe, expect, it } from 'vitest';
import { newOutboxEntry } from '../../shared/sync/outbox/entry';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { nextDueAt, pickSendable } from '../../shared/sync/outbox/ordering';
import { INITIAL_STATUS, isSynced, reduceStatus } from '../../shared/sync/status/status-model';

function entry(id: string, seq: number, rowKeys: string[], patch: Partial<OutboxEntry> = {}): OutboxEntry {
  return { ...newOutboxEntry({ decisionId: id, seq, decision: { id }, rowKeys, approvedBy: 'sup', now: 0 }), ...patch };
}

describe('per-row ordering of the outbox', () => {
  it('sends decisions on the same row one at a time, in approval order', () => {
    const open = [entry('A', 1, ['order-lines:L1']), entry('B', 2, ['order-lines:L1']), entry('C', 3, ['order-lines:L2'])];
    expect(pickSendable(open, 0, 10).map((e) => e.decisionId)).toEqual(['A', 'C']);
  });

  it('holds back only the decisions sharing a row with one that needs attention', () => {
    const open = [
      entry('A', 1, ['order-lines:L1', 'inventory-balances:I1@W1'], { state: 'needs-attention' }),
      entry('B', 2, ['inventory-balances:I1@W1']),
      entry('C', 3, ['order-lines:L9']),
    ];
    expect(pickSendable(open, 0, 10).map((e) => e.decisionId)).toEqual(['C']);
    // B is parked behind A: nothing to wake up for once C is done.
    expect(nextDueAt(open.slice(0, 2))).toBeUndefined();
  });

  it('keeps order behind an entry that is backing off', () => {
    const open = [entry('A', 1, ['order-lines:L1'], { nextAttemptAt: 500 }), entry('B', 2, ['order-lines:L1'])];
    expect(pickSendable(open, 0, 10)).toEqual([]);
    expect(nextDueAt(open)).toBe(0);
    expect(pickSendable(open, 500, 10).map((e) => e.decisionId)).toEqual(['A']);
  });

  it('respects the batch limit without letting later rows jump an earlier one on the same row', () => {
    const open = [entry('A', 1, ['r:1']), entry('B', 2, ['r:2']), entry('C', 3, ['r:1'])];
    expect(pickSendable(open, 0, 1).map((e) => e.decisionId)).toEqual(['A']);
  });
});

describe('status model', () => {
  it('is offline until the network is up and the ERP answers its heartbeat', () => {
    let s = reduceStatus(INITIAL_STATUS, { type: 'network', up: true });
    expect(s.connectivity).toBe('offline');
    s = reduceStatus(s, { type: 'heartbeat', reachable: true, at: 1 });
    expect(s.connectivity).toBe('online');
  });

  it('shows syncing during a pull and records the last successful pull per entity', () => {
    let s = reduceStatus(reduceStatus(INITIAL_STATUS, { type: 'heartbeat', reachable: true, at: 1 }), { type: 'pull-started' });
    expect(s.connectivity).toBe('syncing');
    s = reduceStatus(s, { type: 'pull-finished', at: 42, entities: ['items', 'order-lines'] });
    expect(s.connectivity).toBe('online');
    expect(s.lastPullAt).toEqual({ items: 42, 'order-lines': 42 });
  });

  it('goes offline when the planner switches to work offline, whatever the network says', () => {
    let s = reduceStatus(INITIAL_STATUS, { type: 'heartbeat', reachable: true, at: 1 });
    s = reduceStatus(s, { type: 'work-offline', on: true });
    expect(s.connectivity).toBe('offline');
  });

  it('reports an error when the token is refused and is synced only with an empty outbox', () => {
    let s = reduceStatus(INITIAL_STATUS, { type: 'heartbeat', reachable: true, at: 1 });
    s = reduceStatus(s, { type: 'outbox', counts: { pending: 2, sending: 0, failed: 0, needsAttention: 0, applied: 0 } });
    expect(isSynced(s)).toBe(false);
    s = reduceStatus(s, { type: 'auth', required: true });
    expect(s.connectivity).toBe('error');
    s = reduceStatus(reduceStatus(s, { type: 'auth', required: false }), { type: 'outbox', counts: { pending: 0, sending: 0, failed: 1, needsAttention: 0, applied: 2 } });
    expect(isSynced(s)).toBe(true);
  });
});
