/**
 * The channel names alone, without their schemas, so the sandboxed preload can list them without bundling the
 * validation library. contract.ts checks at compile time that this list and the Handlers type agree.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'erp:fetch',
  'session:sign-in',
  'session:sign-out',
  'session:current',
  'file:save',
  'file:open',
  'external:open',
] as const;
