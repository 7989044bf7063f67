import type { ServiceSpec } from "./serviceSpec.ts";

/** A value in double quotes, as systemd reads it: `\` and `"` escaped, `%` and `$` doubled. */
export function systemdQuote(value: string): string {
  const escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll('"', '\\"')
    .replaceAll("%", "%%")
    .replaceAll("$", () => "$$"); // a string "$$" would be read as a replacement pattern
  return `"${escaped}"`;
}

/**
 * The systemd user unit: restarted when ferryd fails (a clean `ferry daemon stop` stays stopped),
 * its stdout/stderr to the journal (ferryd keeps writing daemon.log itself), files private.
 */
export function systemdUnit(spec: ServiceSpec): string {
  return [
    "[Unit]",
    "Description=Ferry daemon (Kubernetes port-forwards)",
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${spec.program.map(systemdQuote).join(" ")}`,
    ...Object.entries(spec.env).map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}`),
    "Restart=on-failure",
    "RestartSec=2",
    "StandardOutput=journal",
    "StandardError=journal",
    "SyslogIdentifier=ferryd",
    "UMask=0077",
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}
