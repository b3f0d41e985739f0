/**
 * Command-line flags of `npm run web`, with the defaults printed at start. A bad flag stops with a message that says
 * which flag, what was expected and what was found.
 */
export interface WebArgs {
  port: number;
  erpPort: number;
  erpUrl?: string;
  scale: 'small' | 'medium' | 'large';
  seed: number;
  dataDir?: string;
}

export const WEB_DEFAULTS: WebArgs = { port: 5317, erpPort: 4010, scale: 'small', seed: 7 };

/** Parses `--port N --erp-port N --erp-url URL --scale S --seed N --data-dir DIR` (also `--flag=value`). */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  const out: WebArgs = { ...WEB_DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} expects a value`);
      return v;
    };
    const port = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} expected a port number 0-65535, found ${JSON.stringify(v)}`);
      return n;
    };
    switch (flag) {
      case '--port': out.port = port(value()); break;
      case '--erp-port': out.erpPort = port(value()); break;
      case '--erp-url': {
        const v = value();
        if (!/^https?:\/\//.test(v)) throw new Error(`--erp-url expected an http(s) URL, found ${JSON.stringify(v)}`);
        out.erpUrl = v.replace(/\/$/, '');
        break;
      }
      case '--scale': {
        const v = value();
        if (v !== 'small' && v !== 'medium' && v !== 'large') throw new Error(`--scale expected small, medium or large, found ${JSON.stringify(v)}`);
        out.scale = v;
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n)) throw new Error(`--seed expected an integer, found ${JSON.stringify(v)}`);
        out.seed = n;
        break;
      }
      case '--data-dir': out.dataDir = value(); break;
      default: throw new Error(`unknown flag ${JSON.stringify(raw)}; known: --port, --erp-port, --erp-url, --scale, --seed, --data-dir`);
    }
  }
  return out;
}
