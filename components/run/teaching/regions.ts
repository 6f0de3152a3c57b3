import type { LookAtRegion } from "../../../server/protocol";

/**
 * Where each `lookAt` name of a narration step is on the run page. Selectors name the
 * panels' existing test ids, so teaching mode needs no hooks inside the panels it points at.
 */
export const REGIONS: Record<LookAtRegion, { selector: string; label: string; inHeader: boolean }> =
  {
    topology: { selector: '[data-testid="topology"]', label: "Topology", inHeader: false },
    lanes: { selector: '[data-testid="lanes"]', label: "Replica lanes", inHeader: false },
    groups: {
      selector: '[data-testid="consumer-groups"]',
      label: "Consumer groups",
      inHeader: false,
    },
    faults: { selector: '[data-testid="fault-panel"]', label: "Faults", inHeader: false },
    checks: { selector: '[data-testid="checker-panel"]', label: "Checkers", inHeader: false },
    charts: { selector: '[data-testid="charts"]', label: "Charts", inHeader: false },
    sequence: {
      selector: '[data-testid="sequence-diagram"]',
      label: "Message sequence",
      inHeader: false,
    },
    clock: { selector: '[data-testid="virtual-clock"]', label: "Virtual clock", inHeader: true },
    convergence: {
      selector: '[data-testid="convergence-badge"]',
      label: "Convergence",
      inHeader: true,
    },
    producers: { selector: '[data-testid="producers"]', label: "Producers", inHeader: false },
  };

export function regionElement(region: LookAtRegion): HTMLElement | null {
  return document.querySelector<HTMLElement>(REGIONS[region].selector);
}
