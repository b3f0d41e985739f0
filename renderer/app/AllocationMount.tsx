/**
 * Where the allocation engineer's view (renderer/allocation) mounts. Until it is wired in, this says plainly what
 * would open, so an exception's "open" still lands somewhere truthful.
 */
import { selectAllocationTarget, useWorkbench } from '../state';

export function AllocationMount() {
  const target = useWorkbench(selectAllocationTarget);
  return (
    <section className="view" data-testid="view-allocation" aria-labelledby="allocation-title">
      <header className="view-header">
        <h2 id="allocation-title">Allocation</h2>
      </header>
      <p className="empty-state" data-testid="allocation-target">
        {target ? `SKU group of item ${target.itemId}${target.exceptionId ? ` (from exception ${target.exceptionId})` : ''}.` : 'Open an exception to allocate its SKU group.'}
      </p>
      <p className="empty-state">The what-if allocation grid is not connected to the shell yet.</p>
    </section>
  );
}
