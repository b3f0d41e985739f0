/**
 * The desktop app's entry: the only module (with the preload) that imports Electron. It wires the Electron-free
 * modules of main/ into Electron's hooks: one hardened window, the app:// protocol, the IPC gate, the session
 * service over safeStorage, file dialogs, and the built-in reference ERP when no ERP is configured.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIpcDispatcher, type MainHandlers } from '../ipc/dispatch';
import { createSessionService } from '../session/session-service';
import { createFileSessionStore } from '../session/session-file';
import { APP_ORIGIN, EXTERNAL_LINK_ALLOW_LIST, externalLinkDecision, mayGrantPermission, mayNavigate } from '../shell/security';
import { contentSecurityPolicy, originOf } from '../shell/csp';
import { resolveAppRequest } from '../shell/app-protocol';
import { chooseErp, connectionInfo, readErpSettings } from '../erp-host/erp-choice';
import { startReferenceErp } from '../erp/server';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

const rendererRoot = path.join(__dirname, '..', 'renderer');

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const choice = chooseErp(process.env, await readErpSettings(dataDir));
  let erpBaseUrl: string;
  let stopErp: (() => Promise<void>) | undefined;
  if (choice.kind === 'configured') {
    erpBaseUrl = choice.baseUrl;
  } else {
    const erp = await startReferenceErp({ host: '127.0.0.1', port: 0, scale: 'small', seed: 7, dataDir: path.join(dataDir, 'reference-erp') });
    erpBaseUrl = erp.url.replace(/\/$/, '');
    stopErp = () => erp.close();
  }
  const erpInfo = connectionInfo(erpBaseUrl, choice.kind === 'embedded', choice.kind === 'configured' ? choice.label : undefined);
  const csp = contentSecurityPolicy([originOf(erpBaseUrl)]);

  protocol.handle('app', async (request) => {
    const resolved = resolveAppRequest(request.url, rendererRoot);
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status });
    const response = await net.fetch(pathToFileURL(resolved.filePath).toString());
    const headers = new Headers(response.headers);
    headers.set('content-type', resolved.mimeType);
    if (resolved.mimeType.startsWith('text/html')) headers.set('content-security-policy', csp);
    return new Response(response.body, { status: response.status, headers });
  });

  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(mayGrantPermission(permission, wc.getURL())));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => mayGrantPermission(permission, origin));

  const sessions = createSessionService({
    fetch: globalThis.fetch,
    secrets: safeStorage,
    file: createFileSessionStore(path.join(dataDir, 'session.json')),
    now: () => Date.now(),
    defaultBaseUrl: erpBaseUrl,
  });
  await sessions.restore();

  const handlers: MainHandlers = {
    'app:info': async () => ({ name: app.getName(), version: app.getVersion(), platform: 'desktop', erp: erpInfo }),
    'erp:fetch': (req) => sessions.erpFetch(req),
    'session:sign-in': (a) => sessions.signIn(a.baseUrl, a.username, a.password),
    'session:sign-out': () => sessions.signOut(),
    'session:current': () => sessions.current(),
    'file:save': async (a) => {
      const result = await dialog.showSaveDialog({ defaultPath: a.suggestedName });
      if (result.canceled || !result.filePath) return { saved: false };
      await fs.writeFile(result.filePath, a.bytes);
      return { saved: true, path: result.filePath };
    },
    'file:open': async (a) => {
      const result = await dialog.showOpenDialog({ title: a.title, properties: ['openFile'], filters: [{ name: a.extensions.join(', '), extensions: a.extensions }] });
      const file = result.filePaths[0];
      if (result.canceled || !file) return null;
      return { name: path.basename(file), bytes: new Uint8Array(await fs.readFile(file)) };
    },
    'external:open': async (a) => {
      const decision = externalLinkDecision(a.url, EXTERNAL_LINK_ALLOW_LIST);
      if (decision.open) await shell.openExternal(a.url);
      return { opened: decision.open, reason: decision.reason };
    },
  };
  const dispatch = createIpcDispatcher(handlers);
  for (const channel of Object.keys(handlers)) {
    ipcMain.handle(channel, (event, arg: unknown) => dispatch({ frameUrl: event.senderFrame?.url }, channel, arg));
  }

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Allocation Workbench',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = externalLinkDecision(url, EXTERNAL_LINK_ALLOW_LIST);
    if (decision.open) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void stopErp?.();
  });
}

start().catch((e: unknown) => {
  dialog.showErrorBox('Allocation Workbench could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
