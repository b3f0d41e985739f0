/**
 * The gate every IPC call passes before a handler runs: the channel must be one of the contract's, the sender must
 * be the app's own page (not a navigated-away or injected frame), and the argument must match the channel's schema.
 * Anything else is refused with a message that names what was wrong. Electron-free, so it is unit-tested directly.
 */
import type { ArgsOf, Channel, ResultOf } from '../../shared/ipc';
import { checkArgs, isChannel } from '../../shared/ipc';
import { isAppUrl } from '../shell/security';

export type MainHandlers = { [K in Channel]: (args: ArgsOf<K>) => Promise<ResultOf<K>> };

export interface SenderInfo {
  /** URL of the frame that sent the message (Electron: event.senderFrame.url). */
  frameUrl: string | undefined;
}

export class IpcRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRefusal';
  }
}

/** Builds the dispatcher: `dispatch(sender, channel, arg)` resolves with the handler's result or rejects with IpcRefusal. */
export function createIpcDispatcher(handlers: MainHandlers, isTrustedSender: (s: SenderInfo) => boolean = (s) => isAppUrl(s.frameUrl ?? '')) {
  return async function dispatch(sender: SenderInfo, channel: unknown, arg: unknown): Promise<unknown> {
    if (!isChannel(channel)) throw new IpcRefusal(`unknown channel ${JSON.stringify(channel)}`);
    if (!isTrustedSender(sender)) throw new IpcRefusal(`${channel}: refused a call from an untrusted page (${sender.frameUrl ?? 'no frame'})`);
    const checked = checkArgs(channel, arg);
    if (!checked.ok) throw new IpcRefusal(checked.message);
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    return handler(checked.value);
  };
}
