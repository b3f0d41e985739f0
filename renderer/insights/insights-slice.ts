/**
 * Process intelligence: the KPI facts (read once, filtered in memory), the dashboard's filter and the chart point
 * being drilled into. The report itself is a pure function of facts + filter (shared/governance/kpi).
 */
import type { KpiFilter, KpiInput, KpiReport } from '../../shared/governance';
import { computeKpiReport, kpiReportWorkbook } from '../../shared/governance';
import type { GovernanceServices } from '../policy/governance-services';
import type { GovernanceGet, GovernanceSet, GovernanceStoreState, Message } from '../policy/slice-types';
import { messageOf } from '../policy/slice-types';

export interface InsightsState {
  readonly input: KpiInput | null;
  readonly loading: boolean;
  readonly loadedAt: number | null;
  readonly filter: KpiFilter;
  readonly drill: { readonly kpiId: string; readonly category?: string } | null;
  readonly message: Message | null;
}

export const initialInsightsState: InsightsState = { input: null, loading: false, loadedAt: null, filter: {}, drill: null, message: null };

export interface InsightsActions {
  loadInsights(): Promise<void>;
  setInsightsFilter(filter: KpiFilter): void;
  drillInto(kpiId: string, category?: string): void;
  closeDrill(): void;
  exportKpiReport(report: KpiReport): Promise<void>;
}

const reportCache = new WeakMap<KpiInput, { filter: KpiFilter; report: KpiReport }>();

/** The KPI report for the current facts and filter (memoised per facts object and filter). */
export function selectKpiReport(s: GovernanceStoreState): KpiReport | null {
  const { input, filter } = s.governance.insights;
  if (!input) return null;
  const hit = reportCache.get(input);
  if (hit && hit.filter === filter) return hit.report;
  const report = computeKpiReport(input, filter);
  reportCache.set(input, { filter, report });
  return report;
}

export function createInsightsActions(services: GovernanceServices, set: GovernanceSet, get: GovernanceGet): InsightsActions {
  const patch = (p: Partial<InsightsState>) => set((s) => ({ governance: { ...s.governance, insights: { ...s.governance.insights, ...p } } }));
  return {
    async loadInsights() {
      patch({ loading: true });
      try {
        const input = await services.insights.readInput();
        patch({ input, loading: false, loadedAt: services.now(), message: null });
      } catch (e) {
        patch({ loading: false, message: { tone: 'error', text: `Cannot compute the KPIs: ${messageOf(e)}` } });
      }
    },
    setInsightsFilter(filter) {
      patch({ filter, drill: null });
    },
    drillInto(kpiId, category) {
      patch({ drill: { kpiId, ...(category !== undefined ? { category } : {}) } });
    },
    closeDrill() {
      patch({ drill: null });
    },
    async exportKpiReport(report) {
      const name = `kpi-report-${new Date(report.asOf).toISOString().slice(0, 10)}.xlsx`;
      try {
        const saved = await services.files.save(name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kpiReportWorkbook(report));
        if (saved) patch({ message: { tone: 'success', text: `Exported the KPI report to ${name}.` } });
      } catch (e) {
        patch({ message: { tone: 'error', text: `Cannot save ${name}: ${messageOf(e)}` } });
      }
      void get;
    },
  };
}
