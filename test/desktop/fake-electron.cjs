// A stand-in for the 'electron' module, loaded before dist/main/entry.cjs, so the real bundled entry can be driven in
// plain Node: it records what the entry registers (protocol handler, IPC handlers, window hooks) and, once the window
// loads, exercises them the way Electron would and prints what happened as one JSON line.
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-fake-electron-'));
const recorded = { schemes: [], protocolHandler: null, ipc: new Map(), permissionRequest: null, permissionCheck: null, window: null };

class FakeWebContents {
  constructor() { this.listeners = new Map(); this.openHandler = null; }
  on(name, fn) { this.listeners.set(name, fn); }
  setWindowOpenHandler(fn) { this.openHandler = fn; }
  getURL() { return 'app://workbench/index.html'; }
}

class FakeBrowserWindow {
  constructor(options) { this.options = options; this.webContents = new FakeWebContents(); recorded.window = this; }
  once() {}
  show() {}
  async loadURL(url) { this.url = url; setImmediate(() => exercise().catch((e) => { console.log(JSON.stringify({ error: String(e && e.stack || e) })); process.exit(1); })); }
}

const electron = {
  app: {
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
    getName: () => 'Allocation Workbench',
    getVersion: () => '0.1.0',
    on() {},
    quit() {},
    exit(code) { process.exit(code); },
  },
  protocol: {
    registerSchemesAsPrivileged: (s) => recorded.schemes.push(...s),
    handle: (scheme, fn) => { recorded.protocolHandler = { scheme, fn }; },
  },
  session: { defaultSession: { setPermissionRequestHandler: (fn) => { recorded.permissionRequest = fn; }, setPermissionCheckHandler: (fn) => { recorded.permissionCheck = fn; } } },
  ipcMain: { handle: (channel, fn) => recorded.ipc.set(channel, fn) },
  BrowserWindow: FakeBrowserWindow,
  net: { fetch: (url) => fetch(url) },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: () => { throw new Error('no keychain'); }, decryptString: () => { throw new Error('no keychain'); } },
  dialog: { showErrorBox: (title, msg) => { console.log(JSON.stringify({ error: `${title}: ${msg}` })); }, showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
  shell: { openExternal: async () => {} },
};

const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return electron;
  return originalLoad.call(this, request, parent, isMain);
};

// Node's built-in fetch cannot load file:// URLs; the fake net.fetch reads the file like Electron's would.
electron.net.fetch = async (url) => new Response(fs.readFileSync(new URL(url)), { status: 200 });

async function exercise() {
  const w = recorded.window;
  const out = { webPreferences: w.options.webPreferences, loadedUrl: w.url, schemes: recorded.schemes.map((s) => s.scheme) };
  const page = await recorded.protocolHandler.fn(new Request('app://workbench/index.html'));
  out.page = { status: page.status, type: page.headers.get('content-type'), csp: page.headers.get('content-security-policy'), body: (await page.text()).slice(0, 200) };
  const escape = await recorded.protocolHandler.fn(new Request('app://workbench/..%2F..%2Fpackage.json'));
  out.escapeStatus = escape.status;
  const trusted = { senderFrame: { url: 'app://workbench/index.html' } };
  const call = (channel, arg, event = trusted) => recorded.ipc.get(channel)(event, arg).then((v) => ({ ok: true, v }), (e) => ({ ok: false, message: e.message }));
  out.channels = [...recorded.ipc.keys()].sort();
  out.appInfo = await call('app:info', undefined);
  out.health = await call('erp:fetch', { method: 'GET', path: '/health' });
  out.untrusted = await call('app:info', undefined, { senderFrame: { url: 'https://evil.example/' } });
  out.badArgs = await call('erp:fetch', { method: 'GET', path: 'https://evil.example/' });
  out.signIn = await call('session:sign-in', { baseUrl: out.appInfo.v.erp.baseUrl, username: 'planner', password: 'planner' });
  const items = await call('erp:fetch', { method: 'GET', path: '/api/v1/items?limit=2' });
  out.itemsStatus = items.ok ? items.v.status : items.message;
  let prevented = false;
  w.webContents.listeners.get('will-navigate')({ preventDefault: () => { prevented = true; } }, 'https://evil.example/');
  out.navigationPrevented = prevented;
  out.windowOpen = w.webContents.openHandler({ url: 'https://github.com/' }).action;
  let granted = null;
  recorded.permissionRequest({ getURL: () => 'app://workbench/' }, 'media', (g) => { granted = g; });
  out.permissionGranted = granted;
  console.log(JSON.stringify(out));
  process.exit(0);
}
