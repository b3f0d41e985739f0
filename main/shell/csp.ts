/**
 * The Content-Security-Policy for the renderer. Scripts only from the app itself (no inline, no eval), workers from
 * the app (the engine's worker), connections only to the app and the configured ERP origin, no plugins, no framing.
 * AG Grid sets inline styles, so styles allow 'unsafe-inline' (styles cannot run code).
 */
export function contentSecurityPolicy(erpOrigins: readonly string[]): string {
  const connect = ["'self'", ...erpOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin (scheme://host:port) of an ERP base URL, for connect-src. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
