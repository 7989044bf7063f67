import { join } from "node:path";

/** `$FERRY_HOME/http_logs` (created 0700). */
export function httpLogDir(ferryHome: string): string {
  return join(ferryHome, "http_logs");
}

/** `$FERRY_HOME/http_logs/{config_id}_{local_port}.http` (kftray's layout; created 0600). */
export function httpLogFile(ferryHome: string, configId: number, localPort: number): string {
  return join(httpLogDir(ferryHome), `${configId}_${localPort}.http`);
}

/** The n-th rotated file (n >= 1): `….http.1` is the newest rotated one. */
export function rotatedFile(file: string, n: number): string {
  return `${file}.${n}`;
}
