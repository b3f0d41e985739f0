// The reference ERP's governed policy history: an older version (retired) and the one in force, so the policy
// screen has something to compare from the first start. Deterministic: derived from the world's asOf only.
import type { IsoDate, IsoDateTime } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { GovernedSegment, PolicyVersion } from '../../shared/governance';

/** Typed apart so the seed compiles whether or not the engine's SegmentStrategy names order types yet. */
const contractOrdersWin: GovernedSegment = { orderType: 'contract', strategy: 'win' };

/** Policy versions for a world whose business day is `asOf`: v1 retired 30 days before, v2 (the engine default) in force. */
export function seedPolicyVersions(asOf: IsoDate | string): PolicyVersion[] {
  const day = (offsetDays: number): IsoDateTime => new Date(Date.parse(`${asOf.slice(0, 10)}T06:00:00Z`) + offsetDays * 86_400_000).toISOString() as IsoDateTime;
  return [
    {
      id: 'POL-1',
      version: 1,
      status: 'retired',
      name: 'Launch policy',
      effectiveFrom: day(-90),
      createdBy: 'governance-board',
      createdAt: day(-91),
      basedOn: null,
      note: 'First governed policy: ERP priority led, no quotas; contract orders won scarce stock.',
      policy: {
        ...defaultPolicy,
        weights: { slaUrgency: 25, margin: 10, contract: 15, tier: 20, orderAge: 5, erpPriority: 25 },
        segments: [contractOrdersWin, { tier: 1, strategy: 'gain' }],
      },
    },
    {
      id: 'POL-2',
      version: 2,
      status: 'governed',
      name: 'Service-led policy',
      effectiveFrom: day(-30),
      createdBy: 'governance-board',
      createdAt: day(-31),
      basedOn: 1,
      note: 'SLA urgency and contracts weigh more; tier-3 wholesale is filled last.',
      policy: defaultPolicy,
    },
  ];
}
