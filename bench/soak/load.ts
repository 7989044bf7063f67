// Steady light traffic: every forward gets one request every `intervalMs` (its own loop, on its
// own schedule offset), and each outcome is recorded. pause()/resume() hold the loops for the
// quiet windows where idle CPU and fd counts are measured.
import { type ForwardKind, probe } from "./traffic.ts";

export interface Outcome {
  forward: number;
  /** Seconds since t0, when the request started and when its outcome was known. */
  start: number;
  end: number;
  ok: boolean;
}

export function startLoad(
  forwards: { kind: ForwardKind; port: number }[],
  o: { intervalMs: number; timeoutMs: number; t0: number },
) {
  const outcomes: Outcome[] = [];
  let paused = false;
  let stopped = false;
  const now = () => (performance.now() - o.t0) / 1000;
  const loops = forwards.map(async (f, i) => {
    await new Promise((r) => setTimeout(r, (i / forwards.length) * o.intervalMs));
    while (!stopped) {
      const next = performance.now() + o.intervalMs;
      if (!paused) {
        const start = now();
        const ok = await probe(f.kind, f.port, o.timeoutMs);
        if (!stopped) outcomes.push({ forward: i, start, end: now(), ok });
      }
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  });
  return {
    outcomes,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
