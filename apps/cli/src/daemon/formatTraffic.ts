/** 0 B, 1.2 KiB, 3.4 MiB... */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** "in 1.2 KiB / out 300 B", or "-" before any byte moved. */
export function formatTraffic(bytesIn: number, bytesOut: number): string {
  return bytesIn === 0 && bytesOut === 0
    ? "-"
    : `↓${formatBytes(bytesIn)} ↑${formatBytes(bytesOut)}`;
}
