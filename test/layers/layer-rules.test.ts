/**
 * The layer map is enforced by the build, not by good intentions: these tests feed deliberate violations to the
 * project's real lint and typecheck configuration and assert that each one fails with a message naming it.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import ts from 'typescript';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Source text of a deliberate electron import (spelt indirectly so repository greps for real imports stay clean). */
const importFromElectron = (name: string) => `import { ${name} } from ${JSON.stringify('electron')};\nexport const probe = ${name};\n`;

async function lintAs(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint layer rules', () => {
  it('rejects electron imported in shared/', async () => {
    const errors = await lintAs('shared/domain/probe.ts', importFromElectron('app'));
    expect(errors.join('\n')).toMatch(/no-restricted-imports: .*electron may only be imported by main/);
  });

  it('rejects electron imported in renderer/', async () => {
    const errors = await lintAs('renderer/app/probe.ts', importFromElectron('ipcRenderer'));
    expect(errors.join('\n')).toMatch(/electron may only be imported by main/);
  });

  it('accepts electron imported in main/', async () => {
    const errors = await lintAs('main/electron/probe.ts', importFromElectron('app'));
    expect(errors).toEqual([]);
  });

  it.each([
    ['react', "import { useState } from 'react';\nexport const probe = useState;\n"],
    ['dexie', "import Dexie from 'dexie';\nexport const probe = Dexie;\n"],
    ['zustand', "import { create } from 'zustand';\nexport const probe = create;\n"],
    ['ag-grid-community', "import { ModuleRegistry } from 'ag-grid-community';\nexport const probe = ModuleRegistry;\n"],
    ['node:fs', "import fs from 'node:fs';\nexport const probe = fs;\n"],
  ])('rejects %s imported in shared/', async (_name, code) => {
    const errors = await lintAs('shared/engine/probe.ts', code);
    expect(errors.some((e) => e.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('rejects window used in shared/', async () => {
    const errors = await lintAs('shared/engine/probe.ts', 'export const probe = window.location.href;\n');
    expect(errors.join('\n')).toMatch(/no-restricted-globals: Unexpected use of 'window'/);
  });

  it('rejects main/ importing renderer/ and renderer/ importing main/', async () => {
    expect((await lintAs('main/shell/probe.ts', "import { App } from '../../renderer/app/App';\nexport const probe = App;\n")).join('\n')).toMatch(
      /main\/ must not import renderer/,
    );
    expect((await lintAs('renderer/app/probe.ts', "import { isAppUrl } from '../../main/shell/security';\nexport const probe = isAppUrl;\n")).join('\n')).toMatch(
      /renderer\/ must not import main/,
    );
  });

  it('rejects AG Grid outside the renderer grid wrapper, and allows it inside', async () => {
    const code = "import { AgGridReact } from 'ag-grid-react';\nexport const probe = AgGridReact;\n";
    expect((await lintAs('renderer/exceptions/probe.tsx', code)).join('\n')).toMatch(/AG Grid is wrapped once in renderer\/grid/);
    expect(await lintAs('renderer/grid/probe.tsx', code)).toEqual([]);
  });
});

describe('typecheck layer rules', () => {
  /** Typechecks `code` as if it were a file of the given project, with that project's real compiler options. */
  function typecheckAs(project: 'shared' | 'main' | 'renderer', code: string): string[] {
    const configPath = path.join(root, project, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const probe = path.join(root, project, '__layer_probe__.ts');
    const options = { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (path.resolve(f) === probe ? code : readFile(f));
    host.fileExists = (f) => path.resolve(f) === probe || fileExists(f);
    const program = ts.createProgram([probe], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('shared/ has no DOM: window does not exist there', () => {
    expect(typecheckAs('shared', 'export const probe = window.location.href;\n').join('\n')).toMatch(/Cannot find name 'window'/);
  });

  it('shared/ has no Node: process and Buffer do not exist there', () => {
    const errors = typecheckAs('shared', 'export const a = process.env;\nexport const b = Buffer.from("x");\n').join('\n');
    expect(errors).toMatch(/Cannot find name 'process'/);
    expect(errors).toMatch(/Cannot find name 'Buffer'/);
  });

  it('the same code typechecks where it belongs (renderer has window, main has process)', () => {
    expect(typecheckAs('renderer', 'export const probe = window.location.href;\n')).toEqual([]);
    expect(typecheckAs('main', 'export const probe = process.env;\n')).toEqual([]);
  });
});
