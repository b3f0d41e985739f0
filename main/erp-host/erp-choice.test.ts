import { describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chooseErp, readErpSettings } from './erp-choice';
import { userDataDir } from './user-data';
import { parseWebArgs } from '../web/args';

describe('choosing the ERP', () => {
  it('uses the built-in reference ERP when nothing is configured', () => {
    expect(chooseErp({}, {})).toEqual({ kind: 'embedded' });
  });

  it('prefers the environment over the settings file', () => {
    expect(chooseErp({ WORKBENCH_ERP_URL: 'https://erp.acme.test/' }, { erpBaseUrl: 'https://other.test' })).toMatchObject({ kind: 'configured', baseUrl: 'https://erp.acme.test' });
    expect(chooseErp({}, { erpBaseUrl: 'https://other.test', erpLabel: 'S/4HANA QA' })).toMatchObject({ baseUrl: 'https://other.test', label: 'S/4HANA QA' });
  });

  it('reads settings.json, treats a missing file as unconfigured and names the bad field', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wb-settings-'));
    expect(await readErpSettings(dir)).toEqual({});
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ erpBaseUrl: 'ftp://x' }));
    await expect(readErpSettings(dir)).rejects.toThrow('field "erpBaseUrl" expected an http(s) URL, found "ftp://x"');
    await fs.writeFile(path.join(dir, 'settings.json'), '{oops');
    await expect(readErpSettings(dir)).rejects.toThrow('is not valid JSON');
  });

  it('keeps data where Electron keeps userData on each platform', () => {
    expect(userDataDir({}, 'linux', '/home/p')).toBe('/home/p/.config/Allocation Workbench');
    expect(userDataDir({ APPDATA: 'C:\\Users\\p\\AppData\\Roaming' }, 'win32', 'C:\\Users\\p')).toContain('Allocation Workbench');
    expect(userDataDir({}, 'darwin', '/Users/p')).toBe('/Users/p/Library/Application Support/Allocation Workbench');
    expect(userDataDir({ WORKBENCH_DATA_DIR: '/tmp/x' }, 'linux', '/home/p')).toBe('/tmp/x');
  });
});

describe('npm run web flags', () => {
  it('has defaults and parses both flag styles', () => {
    expect(parseWebArgs([])).toMatchObject({ port: 5317, erpPort: 4010, scale: 'small', seed: 7 });
    expect(parseWebArgs(['--port', '6000', '--scale=large', '--erp-url', 'http://127.0.0.1:9000/'])).toMatchObject({ port: 6000, scale: 'large', erpUrl: 'http://127.0.0.1:9000' });
  });

  it('names the flag, what it expected and what it found', () => {
    expect(() => parseWebArgs(['--port', 'abc'])).toThrow('--port expected a port number 0-65535, found "abc"');
    expect(() => parseWebArgs(['--scale', 'huge'])).toThrow('--scale expected small, medium or large, found "huge"');
    expect(() => parseWebArgs(['--bogus'])).toThrow('unknown flag "--bogus"');
  });
});
