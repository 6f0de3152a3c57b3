import type { Metadata } from "next";
import { RunReport } from "../../../../components/runs/report/RunReport";

export const metadata: Metadata = { title: "Run report · Convergence Lab" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunReport runId={decodeURIComponent(id)} />;
}
