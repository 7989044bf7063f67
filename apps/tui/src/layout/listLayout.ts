/** Column widths for a terminal `width` wide; the sparkline and rate take what is left. */
export interface ListLayout {
  alias: number;
  target: number;
  local: number;
  proto: number;
  state: number;
  spark: number;
  rate: number;
}

export function listLayout(width: number): ListLayout {
  const wide = width >= 110;
  const alias = wide ? 24 : 17;
  const target = wide ? 30 : 23;
  const local = 15;
  const proto = 3;
  const state = 12;
  const used = 2 + alias + 1 + target + 1 + local + 1 + proto + 1 + state + 1;
  const rest = Math.max(0, width - used - 1);
  const rate = rest >= 24 ? 10 : 0;
  const spark = Math.min(60, Math.max(0, rest - (rate ? rate + 1 : 0)));
  return { alias, target, local, proto, state, spark, rate };
}
