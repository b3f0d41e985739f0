/**
 * `npm run web`: the browser mode. Starts the built-in reference ERP (unless --erp-url points at another), serves the
 * built renderer on http://127.0.0.1:5317 and prints the URL. Ctrl+C stops both.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceErp } from '../erp/server';
import { userDataDir } from '../erp-host/user-data';
import { parseWebArgs, WEB_DEFAULTS } from './args';
import { startStaticServer } from './static-server';
import { readPackageVersion } from './package-version';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`npm run web: ${(e as Error).message}`);
    process.exit(2);
  }
  console.log(`Allocation Workbench, browser mode (defaults: --port ${WEB_DEFAULTS.port} --erp-port ${WEB_DEFAULTS.erpPort} --scale ${WEB_DEFAULTS.scale} --seed ${WEB_DEFAULTS.seed})`);
  let erpUrl = args.erpUrl;
  let closeErp: (() => Promise<void>) | undefined;
  if (!erpUrl) {
    const dataDir = args.dataDir ?? path.join(userDataDir(), 'reference-erp');
    console.log(`Starting the built-in reference ERP (scale ${args.scale}, seed ${args.seed}, data in ${dataDir})…`);
    const erp = await startReferenceErp({ host: '127.0.0.1', port: args.erpPort, scale: args.scale, seed: args.seed, dataDir });
    erpUrl = erp.url.replace(/\/$/, '');
    closeErp = () => erp.close();
    console.log(`Reference ERP ready at ${erpUrl}`);
  }
  const web = await startStaticServer({
    rendererRoot: path.join(repoRoot, 'dist', 'renderer'),
    port: args.port,
    runtimeConfig: {
      erpBaseUrl: erpUrl,
      embedded: !args.erpUrl,
      label: args.erpUrl ? `ERP at ${args.erpUrl}` : 'Built-in reference ERP',
      version: readPackageVersion(repoRoot),
    },
  });
  console.log(`Allocation Workbench is at ${web.url}`);
  const stop = async () => {
    await web.close();
    await closeErp?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`npm run web failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
