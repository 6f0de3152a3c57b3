import type { StoredCommandWire } from "../../../server/protocol";
import { Panel } from "../../ui/Panel";
import { formatClock } from "../../ui/format";
import { describeCommand } from "./fault-windows";
import styles from "./Report.module.css";

/** The operator's commands, in the order applied: with scenario and seed, they are the run. */
export function CommandLog({ commands }: { commands: StoredCommandWire[] }) {
  return (
    <Panel
      title="Operator commands"
      subtitle={
        commands.length === 0
          ? "None: the run is its scenario and seed alone"
          : `${commands.length} applied; with the scenario and seed they reproduce the run`
      }
      testId="report-commands"
    >
      {commands.length > 0 ? (
        <ol className={styles.commands}>
          {commands.map((c) => (
            <li key={c.seq}>
              <span className="num">{formatClock(c.atMs)}</span>
              <span>{describeCommand(c.command)}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </Panel>
  );
}
