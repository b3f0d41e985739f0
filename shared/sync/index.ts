// Sync protocol: pull into a cache, push approved decisions exactly once. Pure; storage and transport are injected.
export * from './ports';
export * from './erp-port';
export * from './outbox/backoff';
export * from './outbox/classify';
export * from './outbox/entry';
export * from './outbox/decision-status';
export * from './outbox/ordering';
export * from './outbox/rebase';
export * from './outbox/domain-rebase';
export * from './outbox/decision-rows';
export * from './outbox/sender';
export * from './outbox/store';
export * from './pull/types';
export * from './pull/pull-entity';
export * from './pull/pull-all';
export * from './pull/domain-validator';
export * from './status/status-model';
