/** Mounts the allocation engineer's view (renderer/allocation) and the Excel panel (renderer/excel) on the store. */
import { AllocationView } from '../allocation/AllocationView';
import { ExcelPanel } from '../excel/ExcelPanel';
import { useWorkbenchStore } from '../state';

export function AllocationMount() {
  const store = useWorkbenchStore();
  return (
    <section className="view" data-testid="view-allocation" aria-label="Allocation">
      <AllocationView store={store} />
      <ExcelPanel store={store} />
    </section>
  );
}
