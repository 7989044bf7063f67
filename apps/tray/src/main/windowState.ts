import { SETTING_KEYS } from "@ferry/store/client";
/** A window's place on screen, as Electron's `getBounds()` gives it. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_SETTING = SETTING_KEYS.trayWindowBounds;
export const DEFAULT_SIZE = { width: 1100, height: 760 };
export const MIN_SIZE = { width: 640, height: 420 };

/** A stored value read back: the bounds when it is four whole numbers, else null. */
export function parseBounds(value: unknown): Bounds | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const keys = ["x", "y", "width", "height"] as const;
  if (!keys.every((k) => Number.isInteger(v[k]))) return null;
  return {
    x: v.x as number,
    y: v.y as number,
    width: v.width as number,
    height: v.height as number,
  };
}

/**
 * Where to open the window: the stored bounds when at least a title bar's worth of them lies
 * on a display that is still attached (a laptop undocked from its monitor would otherwise open
 * Ferry off screen), sized to fit that display; the default size, centred, otherwise.
 */
export function restoreBounds(
  stored: Bounds | null,
  displays: readonly Bounds[],
): Partial<Bounds> & { width: number; height: number } {
  if (!stored) return { ...DEFAULT_SIZE };
  const home = displays.find((d) => overlap(stored, d) >= 40 * 40);
  if (!home) return { width: stored.width, height: stored.height, ...fitSize(stored, displays[0]) };
  const width = Math.max(MIN_SIZE.width, Math.min(stored.width, home.width));
  const height = Math.max(MIN_SIZE.height, Math.min(stored.height, home.height));
  const x = Math.min(Math.max(stored.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(stored.y, home.y), home.y + home.height - height);
  return { x, y, width, height };
}

function fitSize(b: Bounds, display: Bounds | undefined) {
  if (!display) return {};
  return {
    width: Math.max(MIN_SIZE.width, Math.min(b.width, display.width)),
    height: Math.max(MIN_SIZE.height, Math.min(b.height, display.height)),
  };
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Calls `save` with the latest bounds once moves and resizes pause for `ms` (a drag fires
 * dozens of events); `flush` saves at once (on close).
 */
export function debouncedSaver(save: (b: Bounds) => void, ms = 500) {
  let pending: Bounds | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) save(pending);
    pending = null;
  };
  return {
    changed(b: Bounds) {
      pending = b;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, ms);
    },
    flush,
  };
}
