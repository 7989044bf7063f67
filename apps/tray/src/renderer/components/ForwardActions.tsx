import {
  browserUrl,
  type Config,
  type ForwardRow,
  isActive,
  localPortOf,
} from "@ferry/store/client";
import { useState } from "react";

export interface ForwardActionsProps {
  config: Config;
  row: ForwardRow | undefined;
  /** The `open.scheme` setting: http or https. */
  scheme: string;
}

/**
 * Open in the browser (a running TCP forward; Electron's main hands the URL to the system
 * browser), copy the local address, copy the pod name.
 */
export function ForwardActions({ config, row, scheme }: ForwardActionsProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const running = row !== undefined && isActive(row.state) && row.localPort !== null;
  const port = localPortOf(config, row);
  const address = `${config.local_address}:${port}`;
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${what}.`);
    } catch {
      setCopied(`Could not copy the ${what}.`);
    }
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Forward actions">
      <button
        type="button"
        disabled={!running || config.protocol !== "tcp"}
        onClick={() =>
          window.open(browserUrl(scheme, config.local_address, port), "_blank", "noopener")
        }
      >
        Open in browser
      </button>
      <button type="button" onClick={() => void copy("address", address)}>
        Copy address
      </button>
      <button
        type="button"
        disabled={!row?.pod}
        onClick={() => row?.pod && void copy("pod name", row.pod)}
      >
        Copy pod name
      </button>
      <span role="status" className="muted">
        {copied}
      </span>
    </div>
  );
}
