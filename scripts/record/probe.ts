import { builtinScenarios } from "../../server/scenarios";
import { Simulation } from "../../server/sim/engine";
import { metricsSnapshot } from "../../server/sim/metrics";

/**
 * npx tsx scripts/record/probe.ts [scenario ...] [--at ms,ms]
 *
 * For writing narration: prints, for each narration step (and any extra --at times), what
 * the run page will show at that virtual time with the scenario's seed: checker counts,
 * convergence, leaders, ISR, HW/LEO, producer and group counters, active faults. A step's
 * text should describe what this says, not what happens a second later.
 */
const argv = process.argv.slice(2);
const atFlag = argv.indexOf("--at");
const extra = atFlag >= 0 ? (argv[atFlag + 1] ?? "").split(",").map(Number) : [];
const names = argv.filter((a, i) => !a.startsWith("--") && (atFlag < 0 || i !== atFlag + 1));

for (const scenario of builtinScenarios()) {
  if (names.length > 0 && !names.includes(scenario.name)) continue;
  console.log(`\n=== ${scenario.name}`);
  const sim = new Simulation(scenario, scenario.seed);
  const times = [
    ...new Set([...scenario.narration.map((s) => s.atMs), ...extra, scenario.durationMs]),
  ].sort((a, b) => a - b);
  for (const t of times) {
    sim.runUntil(t);
    sim.checks.evaluate();
    sim.convergence.update();
    const m = metricsSnapshot(sim);
    const c = sim.convergence.state();
    const checks = sim.checks.results();
    const step = scenario.narration.findIndex((s) => s.atMs === t);
    const counts = Object.entries(checks)
      .filter(([, v]) => v.count > 0)
      .map(([k, v]) => `${k}=${v.count}`)
      .join(" ");
    console.log(
      `-- ${t} ms${step >= 0 ? ` (step ${step + 1}: ${scenario.narration[step]!.title})` : ""}`,
    );
    console.log(
      `   ${c.converged ? "converged" : "not converged"}${c.reasons[0] ? `: ${c.reasons[0]}` : ""}; checks: ${counts || "all 0"}`,
    );
    console.log(
      `   faults: ${sim.faults.active.map((f) => f.id).join(", ") || "none"}; elections ${m.controller.elections}`,
    );
    for (const p of m.partitions)
      console.log(
        `   p${p.partition}: leader ${p.leader} e${p.leaderEpoch} isr ${p.isr.join(",")} hw ${p.hw} leo ${p.leo} ${p.replicas.map((r) => `${r.broker}:${r.up ? "" : "DOWN,"}leo${r.leo}${r.truncated ? `,trunc${r.truncated}` : ""}`).join(" ")}`,
      );
    for (const p of m.producers)
      console.log(
        `   producer ${p.id}: sent ${p.sent} acked ${p.acknowledged} failed ${p.failed} timedOut ${p.timedOut} retried ${p.retried} pending ${p.pending} lat avg ${Math.round(p.latencyMsAvg)} max ${Math.round(p.latencyMsMax)}`,
      );
    for (const g of m.groups)
      console.log(
        `   group ${g.id}: gen ${g.generation} rebal ${g.rebalances} applied ${g.applied} redeliv ${g.redeliveries} dupEff ${g.duplicateEffects} skipped ${g.skippedDuplicates} replays ${g.replays} lag ${g.partitions.map((p) => `${p.lagRecords}r/${Math.round(p.lagMs)}ms/${Math.round(p.lagMsByProducerTime)}pms`).join(" ")} members ${g.members.map((x) => `${x.id}${x.up ? "" : "(down)"}:[${x.partitions.join(",")}]`).join(" ")}`,
      );
    if (m.reconciliation)
      console.log(
        `   recon: redriven ${m.reconciliation.redriven} completions ${m.reconciliation.completions}`,
      );
  }
}
