import { describe, expect, it } from "vitest";
import { keepTruncations } from "./keep-truncations";
import { EMPTY_WINDOW } from "./record-window";
import { emptyRunView, type PartitionLogView, type RunMeta, type RunView } from "./run-view";

const meta = (runId: string) => ({ runId }) as unknown as RunMeta;
const log = (truncated: PartitionLogView["truncated"]): PartitionLogView => ({
  window: EMPTY_WINDOW,
  own: {},
  truncated,
  older: {},
});
const struck = [{ offset: 402, rec: null, atMs: 12_100 }];

describe("keepTruncations", () => {
  it("keeps the struck-out records a snapshot of the same run does not carry", () => {
    const before: RunView = { ...emptyRunView, meta: meta("a"), logs: [log({ 0: struck })] };
    const after: RunView = { ...emptyRunView, meta: meta("a"), logs: [log({})] };
    expect(keepTruncations(after, before).logs[0]!.truncated).toEqual({ 0: struck });
  });

  it("forgets them for another run", () => {
    const before: RunView = { ...emptyRunView, meta: meta("a"), logs: [log({ 0: struck })] };
    const after: RunView = { ...emptyRunView, meta: meta("b"), logs: [log({})] };
    expect(keepTruncations(after, before).logs[0]!.truncated).toEqual({});
  });
});
