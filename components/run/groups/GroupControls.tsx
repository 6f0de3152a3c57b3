"use client";

import { useState } from "react";
import type { OperatorCommandInput } from "../../../server/protocol";
import { useIsOperator, useRunActions } from "../store/run-context";
import type { GroupView } from "../store/run-view";
import { Button } from "../../ui/Button";
import styles from "./Groups.module.css";

/** Operator actions on a group: replay the log from offset 0, handler bug, idempotency, commit policy. */
export function GroupControls({ group }: { group: GroupView }) {
  const operator = useIsOperator();
  const actions = useRunActions();
  const [error, setError] = useState<string | null>(null);
  const send = async (command: OperatorCommandInput) => {
    setError(null);
    const result = await actions.command(command);
    if (!result.ok) setError(result.message);
  };
  const why = operator ? undefined : "Only the operator of this run can change its groups.";
  return (
    <div className={styles.controls} title={why}>
      <Button
        size="sm"
        onClick={() => send({ type: "replay", group: group.id, fixBug: true })}
        disabled={!operator}
        data-testid={`replay-${group.id}`}
        title="Empty the projection and fold the log again from offset 0, with the handler fixed"
      >
        Replay from offset 0
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => send({ type: "setHandlerBug", group: group.id, enabled: !group.handlerBug })}
        disabled={!operator}
      >
        {group.handlerBug ? "Fix handler bug" : "Introduce handler bug"}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => send({ type: "setGroup", group: group.id, idempotent: !group.idempotent })}
        disabled={!operator}
      >
        {group.idempotent ? "Turn idempotency off" : "Make idempotent"}
      </Button>
      <label className={styles.policy}>
        commit
        <select
          value={group.commitPolicy}
          disabled={!operator}
          onChange={(e) =>
            send({
              type: "setGroup",
              group: group.id,
              commitPolicy: e.target.value as "auto" | "afterProcess" | "atomic",
            })
          }
        >
          <option value="auto">auto (may lose effects)</option>
          <option value="afterProcess">after process (at-least-once)</option>
          <option value="atomic">atomic (exactly-once effect)</option>
        </select>
      </label>
      {error ? <span className={styles.error}>{error}</span> : null}
    </div>
  );
}
