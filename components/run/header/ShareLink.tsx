"use client";

import { useState } from "react";
import { Button } from "../../ui/Button";

/** Copies the viewer link: the run's address, without the operator secret. */
export function ShareLink({ runId }: { runId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const url = `${window.location.origin}/runs/${encodeURIComponent(runId)}`;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      window.prompt("Viewer link", url);
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1600);
  };
  return (
    <Button
      size="sm"
      onClick={copy}
      data-testid="share-link"
      title="Anyone with this link can watch"
    >
      {copied ? "Link copied ✓" : "Copy viewer link"}
    </Button>
  );
}
