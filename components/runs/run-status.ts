import type { Tone } from "../ui/Pill";

/**
 * A stored run's status in the words and tones of the page. The server stores
 * `running`, `paused`, `ended`, `interrupted` (the server stopped while it ran) and
 * `failed` (the simulation threw); an unknown one is shown as it is, in grey.
 */
const STATUS: Record<string, { label: string; tone: Tone; explains: string }> = {
  running: { label: "running", tone: "ok", explains: "Live on this server now." },
  paused: {
    label: "paused",
    tone: "muted",
    explains: "Live, with its virtual clock held (or a fork waiting to be played).",
  },
  ended: { label: "ended", tone: "info", explains: "Reached the end of its scenario." },
  interrupted: {
    label: "interrupted",
    tone: "warn",
    explains: "The server stopped while it ran; it can be replayed up to where it got.",
  },
  failed: { label: "error", tone: "bad", explains: "The simulation stopped with an error." },
  error: { label: "error", tone: "bad", explains: "The simulation stopped with an error." },
};

export function statusView(status: string): { label: string; tone: Tone; explains: string } {
  return STATUS[status] ?? { label: status, tone: "muted", explains: "" };
}

/** A run's title without the " (seed N)" the server appends by default: the list shows the seed. */
export function listTitle(title: string, seed: number): string {
  const suffix = ` (seed ${seed})`;
  return title.endsWith(suffix) && title.length > suffix.length
    ? title.slice(0, -suffix.length)
    : title;
}
