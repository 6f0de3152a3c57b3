import type { Metadata } from "next";
import { Suspense } from "react";
import { RunList } from "../../components/runs/RunList";

export const metadata: Metadata = { title: "Runs · Convergence Lab" };

export default function Page() {
  // The filters live in the address (useSearchParams), read in the browser.
  return (
    <Suspense>
      <RunList />
    </Suspense>
  );
}
