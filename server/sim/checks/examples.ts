/** The first few event ids behind a checker's count: enough to open, few enough to ship. */
export const MAX_EXAMPLES = 10;

export class ExampleList {
  private readonly ids: number[] = [];
  private readonly seen = new Set<number>();

  add(eventId: number): void {
    if (this.ids.length >= MAX_EXAMPLES * 4 || this.seen.has(eventId)) return;
    this.seen.add(eventId);
    this.ids.push(eventId);
  }

  /** The first examples that still hold, for checkers whose findings can be repaired. */
  filter(stillHolds: (id: number) => boolean): number[] {
    const out: number[] = [];
    for (const id of this.ids) {
      if (out.length >= MAX_EXAMPLES) break;
      if (stillHolds(id)) out.push(id);
    }
    return out;
  }

  first(): number[] {
    return this.ids.slice(0, MAX_EXAMPLES);
  }

  clear(): void {
    this.ids.length = 0;
    this.seen.clear();
  }
}
