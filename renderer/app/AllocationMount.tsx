/** Mounts the allocation engineer's view (renderer/allocation) on the workbench store. */
import { AllocationView } from '../allocation/AllocationView';
import { useWorkbenchStore } from '../state';

export function AllocationMount() {
  const store = useWorkbenchStore();
  return (
    <section className="view" data-testid="view-allocation" aria-label="Allocation">
      <AllocationView store={store} />
    </section>
  );
}
