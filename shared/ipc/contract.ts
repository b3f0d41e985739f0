/**
 * The one typed contract between the renderer and main (Actual Budget's pattern): each channel names its argument
 * and result types, and a runtime schema for the argument, so main rejects anything that does not match before a
 * handler runs. A misspelt channel is a compile error in the renderer, the preload and main.
 */
import { z } from 'zod';
import { CHANNEL_NAMES } from './channels';
import type { Role } from '../domain';

/** Where the renderer is running: the desktop shell (Electron) or a plain browser tab. */
export type Platform = 'desktop' | 'browser';

/** The ERP the workbench talks to, as shown in the status bar ("connected to ..."). */
export interface ErpConnectionInfo {
  baseUrl: string;
  /** True when it is the built-in reference ERP started by the app itself. */
  embedded: boolean;
  label: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: Platform;
  erp: ErpConnectionInfo;
}

/** An HTTP exchange with the ERP, carried over IPC so the bearer token never has to reach the renderer. */
export interface ErpHttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the ERP's base URL, e.g. `/api/v1/order-lines?limit=1000`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ErpHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The ERP roles, as the domain defines them. */
export type { Role };

export interface SessionInfo {
  baseUrl: string;
  username: string;
  role: Role;
  /** ISO time at which the token expires; after it the planner keeps working offline and is asked to sign in again. */
  expiresAt: string;
  /** False when the identity is remembered but no usable token is held (offline start, expired). */
  hasToken: boolean;
}

export type SignInResult =
  | { ok: true; session: SessionInfo }
  | { ok: false; status: number; message: string };

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface OpenFileRequest {
  /** File extensions without the dot, e.g. ['xlsx']. */
  extensions: string[];
  title?: string;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

/** Channel name -> (argument, result). */
export interface Handlers {
  'app:info': { args: void; result: AppInfo };
  'erp:fetch': { args: ErpHttpRequest; result: ErpHttpResponse };
  'session:sign-in': { args: { baseUrl: string; username: string; password: string }; result: SignInResult };
  'session:sign-out': { args: void; result: null };
  'session:current': { args: void; result: SessionInfo | null };
  'file:save': { args: SaveFileRequest; result: { saved: boolean; path?: string } };
  'file:open': { args: OpenFileRequest; result: OpenedFile | null };
  'external:open': { args: { url: string }; result: { opened: boolean; reason?: string } };
}

export type Channel = keyof Handlers;
export type ArgsOf<K extends Channel> = Handlers[K]['args'];
export type ResultOf<K extends Channel> = Handlers[K]['result'];

/** What the preload exposes as `window.workbench` and what the browser build implements in-page. */
export interface WorkbenchBridge {
  readonly platform: Platform;
  invoke<K extends Channel>(channel: K, ...args: ArgsOf<K> extends void ? [] : [ArgsOf<K>]): Promise<ResultOf<K>>;
}

const httpUrl = z.string().max(2048).refine((s) => /^https?:\/\/[^\s]+$/.test(s), 'an http(s) URL');
const noArgs = z.undefined();

/** Runtime schemas for every channel's argument; main validates with these before any handler runs. */
export const argSchemas = {
  'app:info': noArgs,
  'erp:fetch': z.strictObject({
    method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
    path: z.string().startsWith('/').max(4096).refine((p) => !p.includes('://') && !p.startsWith('//'), 'a path below the ERP base URL'),
    headers: z.record(z.string().max(200), z.string().max(8192)).optional(),
    body: z.string().max(64 * 1024 * 1024).optional(),
  }),
  'session:sign-in': z.strictObject({
    baseUrl: httpUrl,
    username: z.string().min(1).max(200),
    password: z.string().max(1000),
  }),
  'session:sign-out': noArgs,
  'session:current': noArgs,
  'file:save': z.strictObject({
    suggestedName: z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n), 'a file name without folders'),
    mimeType: z.string().max(200),
    bytes: z.instanceof(Uint8Array),
  }),
  'file:open': z.strictObject({
    extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).min(1).max(10),
    title: z.string().max(200).optional(),
  }),
  'external:open': z.strictObject({ url: httpUrl }),
} satisfies { [K in Channel]: z.ZodType };

/** Every channel, for the preload and main to enumerate (main rejects any other). */
export const CHANNELS = Object.keys(argSchemas) as Channel[];

/** True when `name` is one of the contract's channels. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argSchemas, name);
}

/** Validates a channel's argument; returns a message naming the field at fault when it does not match. */
export function checkArgs<K extends Channel>(channel: K, value: unknown): { ok: true; value: ArgsOf<K> } | { ok: false; message: string } {
  const parsed = argSchemas[channel].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as ArgsOf<K> };
  const first = parsed.error.issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : '(argument)';
  return { ok: false, message: `${channel}: field "${field}" ${first?.message ?? 'is invalid'}` };
}

// Compile-time proof that the preload's channel list (channels.ts) is exactly the contract's channels.
type ListedChannel = (typeof CHANNEL_NAMES)[number];
const _everyChannelListed: Record<Channel, true> = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, true])) as Record<ListedChannel, true>;
const _noExtraChannel: Record<ListedChannel, true> = _everyChannelListed;
void _noExtraChannel;
