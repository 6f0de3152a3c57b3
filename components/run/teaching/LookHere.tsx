"use client";

import { useEffect } from "react";
import type { LookAtRegion } from "../../../server/protocol";
import { REGIONS, regionElement } from "./regions";
import styles from "./Teaching.module.css";

/** Space left above a region scrolled into view, under the sticky run header. */
const SCROLL_MARGIN_PX = 16;

/**
 * Highlights the regions a narration step points at (an outline and a "look here" tag on
 * the panel itself, through a data attribute, so it moves and resizes with the panel),
 * and scrolls the first of them that is not in the sticky header into view when the step
 * changes. Renders nothing.
 */
export function LookHere({ regions, stepNumber }: { regions: LookAtRegion[]; stepNumber: number }) {
  const key = regions.join(",");
  useEffect(() => {
    document.body.classList.add(styles.lookHereOn!);
    return () => document.body.classList.remove(styles.lookHereOn!);
  }, []);

  useEffect(() => {
    const names = key ? (key.split(",") as LookAtRegion[]) : [];
    const marked: HTMLElement[] = [];
    // Panels mount as the run's first snapshot arrives: mark them on the next frame.
    const raf = requestAnimationFrame(() => {
      for (const name of names) {
        const el = regionElement(name);
        if (!el) continue;
        el.dataset.lookHere = `step ${stepNumber}`;
        marked.push(el);
      }
      const inPage = names.filter((n) => !REGIONS[n].inHeader);
      const els = inPage.map(regionElement).filter((e): e is HTMLElement => e !== null);
      if (els.length > 0) scrollIntoFrame(els);
    });
    return () => {
      cancelAnimationFrame(raf);
      for (const el of marked) delete el.dataset.lookHere;
    };
  }, [key, stepNumber]);
  return null;
}

/**
 * Scrolls so that the highlighted regions show between the sticky header and the
 * captions: all of them from the topmost when they fit, else the first named (the step's
 * most important). Nothing moves when they are in view already.
 */
function scrollIntoFrame(els: HTMLElement[]): void {
  const header = document.querySelector('[data-testid="run-header"]');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const panel = document.querySelector('[data-testid="teaching-panel"]');
  const bottom = panel ? panel.getBoundingClientRect().top : window.innerHeight;
  const rects = els.map((e) => e.getBoundingClientRect());
  const spanTop = Math.min(...rects.map((r) => r.top));
  const spanBottom = Math.max(...rects.map((r) => r.bottom));
  if (spanTop >= top && spanBottom <= bottom) return;
  const fits = spanBottom - spanTop <= bottom - top - SCROLL_MARGIN_PX;
  const target = fits ? spanTop : rects[0]!.top;
  window.scrollTo({ top: window.scrollY + target - top - SCROLL_MARGIN_PX, behavior: "smooth" });
}
