// The soak's plot, written by hand: daemon RSS (MiB) and CPU (% of a core) over time, one panel
// each, with the faults as labelled vertical lines. No plotting dependency.
import type { ProcSample } from "./procSampler.ts";

const W = 960;
const PANEL_H = 200;
const M = { left: 60, right: 20, top: 30, gap: 50, bottom: 40 };

export function soakSvg(
  samples: ProcSample[],
  faults: { at: number; label: string }[],
  title: string,
): string {
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const x = (t: number) => M.left + (t / tMax) * (W - M.left - M.right);
  const panels = [
    { name: "RSS MiB", pick: (s: ProcSample) => s.rssMiB, color: "#1f77b4" },
    { name: "CPU % of one core", pick: (s: ProcSample) => s.cpuPercent, color: "#d62728" },
  ];
  const H = M.top + panels.length * PANEL_H + (panels.length - 1) * M.gap + M.bottom;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${M.left}" y="18" font-size="13">${esc(title)}</text>`,
  ];
  panels.forEach((p, i) => {
    const top = M.top + i * (PANEL_H + M.gap);
    const vals = samples.map(p.pick).filter((v) => Number.isFinite(v));
    const vMax = niceMax(Math.max(1, ...vals));
    const y = (v: number) => top + PANEL_H - (v / vMax) * PANEL_H;
    out.push(
      `<rect x="${M.left}" y="${top}" width="${W - M.left - M.right}" height="${PANEL_H}" fill="none" stroke="#999"/>`,
      `<text x="${M.left - 6}" y="${top + 4}" text-anchor="end">${vMax}</text>`,
      `<text x="${M.left - 6}" y="${top + PANEL_H}" text-anchor="end">0</text>`,
      `<text x="${M.left + 4}" y="${top + 14}" fill="${p.color}">${p.name}</text>`,
    );
    // A new pid (daemon restarted) starts a new line.
    let run: string[] = [];
    let pid = samples[0]?.pid;
    const flush = () => {
      if (run.length > 1)
        out.push(
          `<polyline fill="none" stroke="${p.color}" stroke-width="1.5" points="${run.join(" ")}"/>`,
        );
      run = [];
    };
    for (const s of samples) {
      if (s.pid !== pid) {
        flush();
        pid = s.pid;
      }
      const v = p.pick(s);
      if (Number.isFinite(v)) run.push(`${x(s.t).toFixed(1)},${y(v).toFixed(1)}`);
    }
    flush();
    for (const f of faults)
      out.push(
        `<line x1="${x(f.at).toFixed(1)}" x2="${x(f.at).toFixed(1)}" y1="${top}" y2="${top + PANEL_H}" stroke="#888" stroke-dasharray="4,3"/>`,
      );
    if (i === 0)
      for (const f of faults)
        out.push(
          `<text transform="translate(${(x(f.at) + 3).toFixed(1)},${top + PANEL_H - 4}) rotate(-90)" fill="#555">${esc(f.label)}</text>`,
        );
  });
  const bottom = H - M.bottom;
  for (let k = 0; k <= 10; k++) {
    const t = (tMax * k) / 10;
    out.push(
      `<text x="${x(t).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${Math.round(t)}</text>`,
    );
  }
  out.push(
    `<text x="${W / 2}" y="${bottom + 32}" text-anchor="middle">seconds since the traffic started</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}

function niceMax(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil((v * 1.1) / step) * step;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
