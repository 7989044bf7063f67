// One cold start of kube-sim in a fresh process: prints {importMs, startMs, totalMs} as JSON.
const t0 = performance.now();
const { startKubeSim } = await import("@ferry/kube-sim");
const t1 = performance.now();
const sim = await startKubeSim({ scenario: (process.argv[2] as "demo" | "test") ?? "test" });
const t2 = performance.now();
await sim.close();
// performance.now() counts from process start (timeOrigin), so t2 includes Node's own boot.
console.log(JSON.stringify({ importMs: t1 - t0, startMs: t2 - t1, totalMs: t2 }));
