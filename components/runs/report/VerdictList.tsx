import type { CheckName } from "../../../server/protocol";
import type { StoredRunWire } from "../../../server/protocol";
import { CHECKS } from "../../run/checks/check-info";
import { Panel } from "../../ui/Panel";
import { formatCount } from "../../ui/format";
import { verdictWords } from "./verdict-words";
import styles from "./Report.module.css";

const EXAMPLES_SHOWN = 6;

/** Every checker's verdict: the count, what it means here, the usual cause, the first examples. */
export function VerdictList({ checks }: { checks: StoredRunWire["checks"] }) {
  // What broke comes first and wide; what held follows, compact.
  const broken = CHECKS.filter((c) => (checks?.[c.name]?.count ?? 0) > 0);
  const rest = CHECKS.filter((c) => !broken.includes(c));
  const failing = broken.length;
  return (
    <Panel
      title="Checker verdicts"
      subtitle={
        checks === null
          ? "No verdict stored yet"
          : failing === 0
            ? `All ${CHECKS.length} invariants held`
            : `${failing} of ${CHECKS.length} invariants broken`
      }
      testId="report-verdicts"
    >
      {[broken, rest].map((group, i) =>
        group.length > 0 ? (
          <div key={i} className={i === 0 ? styles.brokenVerdicts : styles.verdicts}>
            {group.map((c) => (
              <Verdict
                key={c.name}
                name={c.name}
                title={c.title}
                result={checks?.[c.name] ?? null}
              />
            ))}
          </div>
        ) : null,
      )}
    </Panel>
  );
}

function Verdict({
  name,
  title,
  result,
}: {
  name: CheckName;
  title: string;
  result: { count: number; examples: number[] } | null;
}) {
  const words = result ? verdictWords(name, result.count) : null;
  const tone = !words ? styles.unknown : words.ok ? styles.held : styles.broken;
  return (
    <article
      className={`${styles.verdict} ${tone}`}
      data-testid={`verdict-${name}`}
      data-count={result?.count ?? ""}
    >
      <div className={styles.verdictHead}>
        <span className={`${styles.verdictCount} num`}>
          {result ? formatCount(result.count) : "–"}
        </span>
        <h3 className={styles.verdictTitle}>{title}</h3>
      </div>
      <p className={styles.verdictSentence}>{words ? words.sentence : "Not checked yet."}</p>
      {words && !words.ok ? <p className={styles.verdictCause}>Usually: {words.cause}</p> : null}
      {result && result.examples.length > 0 ? (
        <p className={styles.examples}>
          First examples: event{" "}
          {result.examples.slice(0, EXAMPLES_SHOWN).map((id) => (
            <code key={id}>#{id}</code>
          ))}
          {result.count > EXAMPLES_SHOWN ? "…" : null}
        </p>
      ) : null}
    </article>
  );
}
