"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { paintLanes, type LanePicture, type LaneTheme } from "./lane-paint";
import styles from "./Lanes.module.css";

/** The hatch of records above the HW: 45° stripes, as in the legend. */
function hatchPattern(ctx: CanvasRenderingContext2D, dpr: number): CanvasPattern | string {
  const size = 6;
  const tile = document.createElement("canvas");
  tile.width = tile.height = Math.round(size * dpr);
  const t = tile.getContext("2d");
  if (!t) return "#eef2fb";
  t.scale(dpr, dpr);
  t.fillStyle = "#eef2fb";
  t.fillRect(0, 0, size, size);
  t.strokeStyle = "#9db0d8";
  t.lineWidth = 1.4;
  t.beginPath();
  // Three parallel diagonals, so the stripes continue across the tile's edges.
  for (const c of [-size, 0, size]) {
    t.moveTo(c, size);
    t.lineTo(c + size, 0);
  }
  t.stroke();
  const pattern = ctx.createPattern(tile, "repeat");
  if (!pattern) return "#eef2fb";
  pattern.setTransform(new DOMMatrix().scale(1 / dpr));
  return pattern;
}

interface CanvasTheme {
  dpr: number;
  theme: LaneTheme;
}

function readTheme(
  canvas: HTMLCanvasElement,
  ctx: CanvasRenderingContext2D,
  dpr: number,
): CanvasTheme {
  const css = getComputedStyle(canvas);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    dpr,
    theme: {
      text: v("--text", "#18212d"),
      accent: v("--accent", "#2f5bd3"),
      hatch: hatchPattern(ctx, dpr),
    },
  };
}

/**
 * A partition's cells and HW and LEO marks on a canvas over the block's SVG. It is
 * drawn after each commit that changes the picture, and only while the block is on
 * screen: a block scrolled away is drawn once it comes back. The stylesheet's colours are
 * read once, at the first draw (reading computed style at every draw would force the
 * browser to restyle the page first).
 */
export function LaneCanvas({
  picture,
  width,
  height,
}: {
  picture: LanePicture;
  width: number;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useRef<CanvasTheme | null>(null);
  const latest = useRef({ picture, width, height });
  const drawn = useRef<{ picture: LanePicture; width: number; height: number } | null>(null);
  const visible = useRef(true);
  latest.current = { picture, width, height };

  const draw = () => {
    const canvas = ref.current;
    const now = latest.current;
    const last = drawn.current;
    if (!canvas || !visible.current) return;
    if (last?.picture === now.picture && last.width === now.width && last.height === now.height)
      return;
    const { width, height } = now;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(width * dpr);
    const h = Math.round(height * dpr);
    if (theme.current?.dpr !== dpr) theme.current = readTheme(canvas, ctx, dpr);
    // Setting a canvas's size clears it and resets its state, so only when it changes.
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    paintLanes(ctx, now.picture, theme.current.theme);
    drawn.current = now;
  };

  useLayoutEffect(draw);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      visible.current = entries.some((e) => e.isIntersecting);
      draw();
    });
    observer.observe(canvas);
    return () => observer.disconnect();
    // `draw` reads everything through refs; one observer per canvas.
  }, []);

  return (
    <canvas
      ref={ref}
      className={styles.canvas}
      style={{ width, height }}
      aria-hidden
      data-testid="lane-canvas"
    />
  );
}
