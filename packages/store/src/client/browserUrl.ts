/**
 * The address a browser opens for a forward: the `open.scheme` setting's scheme (https when it
 * says so, else http; the setting's raw value may be anything), the bound local end.
 */
export function browserUrl(scheme: unknown, localAddress: string, localPort: number): string {
  const host = localAddress.includes(":") ? `[${localAddress}]` : localAddress;
  return `${scheme === "https" ? "https" : "http"}://${host}:${localPort}/`;
}
