/**
 * The text of the page's key numbers as rendered, by test id: the clock, the convergence
 * badge, every checker count, the active faults and the narration step. Only panels that
 * are never paused off screen (see RunVisibilityGate) are read, so the text is the
 * current state's wherever the page is scrolled.
 */
const SELECTORS = [
  '[data-testid="virtual-clock"]',
  '[data-testid="convergence-badge"]',
  '[data-testid^="check-count-"]',
  '[data-testid="active-faults"]',
  '[data-testid="teaching-step-title"]',
];

export function shownNumbers(): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const selector of SELECTORS)
    document.querySelectorAll(selector).forEach((el) => {
      shown[el.getAttribute("data-testid") ?? selector] = (el.textContent ?? "")
        .replace(/\s+/g, " ")
        .trim();
    });
  return shown;
}
