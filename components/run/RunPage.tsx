"use client";

import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RequestError, runQuery } from "../api/queries";
import { RunNotFound } from "./RunNotFound";
import { RunConnection } from "./store/run-connection";
import { RunProvider, RunVisibilityGate as Gate } from "./store/run-context";
import { LANES_RACING_PACE } from "./lanes/lanes-pace";
import { RunUiProvider } from "./store/run-ui";
import { loadOperatorSecret } from "../api/operator-secret";
import { RunHeader } from "./header/RunHeader";
import { ConnectionNotice } from "./header/ConnectionNotice";
import { Topology } from "./topology/Topology";
import { PartitionLanes } from "./lanes/PartitionLanes";
import { CheckerPanel } from "./checks/CheckerPanel";
import { FaultPanel } from "./faults/FaultPanel";
import { ConsumerGroups } from "./groups/ConsumerGroups";
import { RunCharts } from "./charts/RunCharts";
import { SequenceDiagram } from "./sequence/SequenceDiagram";
import { MessageInspector } from "./checks/MessageInspector";
import { ProducerStrip } from "./groups/ProducerStrip";
import { TimeTravel } from "./timeline/TimeTravel";
import { TeachingLayer } from "./teaching/TeachingLayer";
import styles from "./RunPage.module.css";

/**
 * The live run page: joins the run over the socket (as operator when this browser
 * started it) and lays out every view of it.
 */
export function RunPage({ runId }: { runId: string }) {
  const [connection, setConnection] = useState<RunConnection | null>(null);
  const queryClient = useQueryClient();
  const info = useQuery(runQuery(runId));
  useEffect(() => {
    const key = runQuery(runId).queryKey;
    const c = new RunConnection(runId, loadOperatorSecret(runId), (change) =>
      queryClient.setQueryData(key, change),
    );
    setConnection(c);
    return () => c.close();
  }, [runId, queryClient]);

  if (info.error instanceof RequestError && info.error.status === 404)
    return <RunNotFound runId={runId} />;
  if (!connection) return <div className={styles.loading}>Connecting to run {runId}…</div>;
  return (
    <RunProvider store={connection.store} actions={connection}>
      <RunUiProvider>
        <div className={styles.page} data-testid="run-page">
          <RunHeader runId={runId} />
          <ConnectionNotice />
          <main className={styles.main}>
            <TimeTravel />
            <CheckerPanel />
            <div className={styles.grid}>
              <div className={styles.left}>
                <Gate>
                  <Topology />
                </Gate>
                <FaultPanel />
              </div>
              <div className={styles.right}>
                <Gate pace={LANES_RACING_PACE}>
                  <PartitionLanes />
                </Gate>
                <Gate>
                  <ProducerStrip />
                </Gate>
              </div>
            </div>
            <Gate>
              <RunCharts />
            </Gate>
            <div className={styles.bottom}>
              <Gate>
                <ConsumerGroups />
              </Gate>
              <Gate>
                <SequenceDiagram />
              </Gate>
            </div>
          </main>
          <MessageInspector />
          <TeachingLayer runId={runId} />
        </div>
      </RunUiProvider>
    </RunProvider>
  );
}
