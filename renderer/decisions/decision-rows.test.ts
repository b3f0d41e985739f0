import { describe, expect, it } from 'vitest';
import { exampleDecision, exampleRecords } from '../../shared/domain/examples';
import type { Decision } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { setLocale } from '../grid/format';
import { approvalRefusal } from './approval-check';
import { buildDecisionRows } from './decision-rows';

setLocale('en-US');
const entry = (state: OutboxEntry['state'], extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  decisionId: exampleDecision.id, seq: 1, state, decision: exampleDecision, rowKeys: [], approvedBy: 'sam', approvedAt: 0, attempts: 1, rebases: 0,
  nextAttemptAt: 0, uncertain: false, updatedAt: 0, ...extra,
});
const rows = (d: Decision, e?: OutboxEntry) =>
  buildDecisionRows({
    decisions: [d],
    outboxOf: () => e,
    lineOf: (id) => (id === exampleRecords['order-lines'].id ? exampleRecords['order-lines'] : undefined),
    customerOf: () => exampleRecords.customers,
  });

describe('decision rows', () => {
  it('reads the receiving line, its customer and tier, and one sentence', () => {
    const [r] = rows(exampleDecision, entry('queued'));
    expect(r).toMatchObject({
      displayStatus: 'queued',
      summary: 'Move 12 from OL-SO-104198-1 to OL-SO-104211-3',
      customerName: 'Northwind Field Services',
      tier: 1,
      qty: 12,
      valueAtStakeCents: 33_480,
    });
  });

  it('names each outbox state as the Decisions view does', () => {
    expect(rows({ ...exampleDecision, status: 'approved' })[0]!.displayStatus).toBe('approved');
    expect(rows(exampleDecision, entry('sending'))[0]!.displayStatus).toBe('sent');
    expect(rows({ ...exampleDecision, status: 'applied' }, entry('applied'))[0]!.displayStatus).toBe('applied');
    const refused = rows({ ...exampleDecision, status: 'failed' }, entry('rejected', { answer: { detail: 'x', message: 'line is cancelled' } }))[0]!;
    expect(refused).toMatchObject({ displayStatus: 'rejected', erpMessage: 'The ERP refused it: line is cancelled' });
    const conflict = rows({ ...exampleDecision, status: 'conflicted' }, entry('needs-attention', { attention: { base: 1, current: 2, proposed: 3, reason: 'moved', status: 409 } }))[0]!;
    expect(conflict).toMatchObject({ displayStatus: 'needs-attention', attention: { base: 1, current: 2, proposed: 3, reason: 'moved' } });
  });

  it('refuses approval beyond the role: the decision asks for a supervisor, and tier 1 is above a planner', () => {
    const [r] = rows({ ...exampleDecision, status: 'proposed' });
    expect(approvalRefusal(r!, 'planner', defaultPolicy.approvals)).toBe(`${exampleDecision.id}: needs the supervisor role; you are signed in as planner.`);
    expect(approvalRefusal(r!, 'supervisor', defaultPolicy.approvals)).toBeNull();
    expect(approvalRefusal({ ...r!, requiredRole: 'planner' }, 'planner', defaultPolicy.approvals)).toContain('customer tier 1 is more strategic than a planner may decide for');
  });
});
