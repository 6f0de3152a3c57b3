import type { FaultDraft } from "./build-fault";
import styles from "./Faults.module.css";

/** The parameters of the chosen kind: crash mode, rate, delay, skew. */
export function FaultParams({
  draft,
  set,
}: {
  draft: FaultDraft;
  set: (patch: Partial<FaultDraft>) => void;
}) {
  const number = (key: keyof FaultDraft, label: string, unit: string, testId: string) => (
    <label className={styles.field}>
      <span>{label}</span>
      <input
        className={styles.short}
        inputMode="decimal"
        value={draft[key] as string}
        onChange={(e) => set({ [key]: e.target.value } as Partial<FaultDraft>)}
        data-testid={testId}
      />
      <span className={styles.unit}>{unit}</span>
    </label>
  );
  switch (draft.kind) {
    case "crash":
      return (
        <div className={styles.row}>
          <div className={styles.segmented} role="radiogroup" aria-label="Crash mode">
            {(["kill", "powerloss"] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                role="radio"
                aria-checked={draft.mode === mode}
                className={draft.mode === mode ? styles.segOn : styles.seg}
                onClick={() => set({ mode })}
                data-testid={`crash-mode-${mode}`}
              >
                {mode === "kill" ? "kill (page cache survives)" : "power loss (unflushed lost)"}
              </button>
            ))}
          </div>
        </div>
      );
    case "drop":
    case "duplicate":
      return <div className={styles.row}>{number("ratePercent", "Rate", "%", "fault-rate")}</div>;
    case "delay":
      return (
        <div className={styles.row}>
          {number("extraMs", "Extra latency", "ms", "fault-extra-ms")}
          {number("jitterMs", "Jitter", "ms", "fault-jitter-ms")}
        </div>
      );
    case "clockSkew":
      return (
        <div className={styles.row}>
          {number("skewMs", "Skew", "ms (may be negative)", "fault-skew-ms")}
        </div>
      );
    default:
      return null;
  }
}
