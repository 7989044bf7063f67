/** The address a browser opens for a forward: the setting's scheme, the bound local end. */
export function browserUrl(scheme: string, localAddress: string, localPort: number): string {
  const host = localAddress.includes(":") ? `[${localAddress}]` : localAddress;
  return `${scheme === "https" ? "https" : "http"}://${host}:${localPort}/`;
}
