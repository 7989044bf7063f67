// Notices a resume from sleep and a network change, so every forward can check its API
// connection at once instead of waiting for its next ping.
// - Sleep: a timer fires every `everyMs`. Across a suspend the monotonic clock stands still while
//   the wall clock runs on, so the wall clock jumps ahead of it; a process that was stopped
//   (SIGSTOP) or starved sees its timer fire far too late. Either is a wake.
// - Network: the set of non-internal interface addresses (os.networkInterfaces(), a cheap
//   getifaddrs) changed between two ticks: Wi-Fi switched, a VPN came up or went down. On Linux
//   and macOS alike; macOS is not verified here (its SystemConfiguration notifications would be
//   the platform's own facility, which Node does not expose).

import { networkInterfaces } from "node:os";

export interface Clock {
  /** Wall clock, epoch ms. */
  now(): number;
  /** Monotonic ms (stands still while the machine sleeps). */
  monotonic(): number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/** Defaults, documented in the README (engine options `wakeCheckMs`, `wakeLateMs`). */
export const DEFAULT_WAKE_CHECK_MS = 5000;
export const DEFAULT_WAKE_LATE_MS = 10_000;

export interface WakeOptions {
  everyMs?: number;
  /** A jump or lateness above this is a wake. */
  lateMs?: number;
  clock?: Clock;
  /** Watch the network interfaces too (default: on Linux and macOS). */
  network?: boolean;
  onWake(reason: string): void;
}

function addresses(): string {
  const out: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces()))
    for (const a of list ?? []) if (!a.internal) out.push(`${name}/${a.address}`);
  return out.sort().join(",");
}

/** Starts watching; returns the stopper. */
export function watchForWake(o: WakeOptions): () => void {
  const every = o.everyMs ?? DEFAULT_WAKE_CHECK_MS;
  if (every <= 0) return () => {};
  const late = o.lateMs ?? DEFAULT_WAKE_LATE_MS;
  const clock = o.clock ?? systemClock;
  const network = o.network ?? (process.platform === "linux" || process.platform === "darwin");
  let wall = clock.now();
  let mono = clock.monotonic();
  let net = network ? addresses() : "";
  const timer = setInterval(() => {
    const w = clock.now();
    const m = clock.monotonic();
    const jump = w - wall - (m - mono);
    const lateBy = m - mono - every;
    wall = w;
    mono = m;
    if (jump > late)
      o.onWake(`wake detected: the wall clock jumped ${Math.round(jump / 1000)} s (sleep)`);
    else if (lateBy > late)
      o.onWake(
        `wake detected: a ${every / 1000} s timer fired ${Math.round(lateBy / 1000)} s late (stopped or suspended)`,
      );
    if (!network) return;
    const now = addresses();
    if (now === net) return;
    net = now;
    o.onWake("network change detected: the interface addresses changed");
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
