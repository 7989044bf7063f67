/**
 * The address a browser opens for a forward: the scheme of the `open.scheme` setting
 * (SETTING_KEYS.openScheme; https when it says so, else http, whatever the raw value), the bound
 * local end.
 */
export function browserUrl(scheme: unknown, localAddress: string, localPort: number): string {
  const host = localAddress.includes(":") ? `[${localAddress}]` : localAddress;
  return `${scheme === "https" ? "https" : "http"}://${host}:${localPort}/`;
}
