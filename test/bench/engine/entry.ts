// What the engine benchmark loads: the public engine plus the optimal-mode network observer (for the HiGHS check).
export { allocate, createWhatIfSession, defaultPolicy, planToJson } from '../../../shared/engine';
export { observeNetworks } from '../../../shared/engine/allocate/optimal';
