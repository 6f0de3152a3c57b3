import type { Metadata } from "next";
import { RunPage } from "../../../components/run/RunPage";

export const metadata: Metadata = { title: "Run · Convergence Lab" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RunPage runId={decodeURIComponent(id)} />;
}
