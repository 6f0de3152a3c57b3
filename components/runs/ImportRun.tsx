"use client";

import { useRef } from "react";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { importRunFile, StoredRunError, storedRunKeys } from "../api/stored-runs";
import { Button } from "../ui/Button";
import { reportHref } from "./RunRow";
import styles from "./Runs.module.css";

/**
 * Imports a run file (docs/export-format.md). The server replays it before storing it,
 * so a file whose outcome does not follow from its inputs is refused; the refusal is
 * shown as the server words it, field by field.
 */
export function ImportRun() {
  const input = useRef<HTMLInputElement | null>(null);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => ({
      name: file.name,
      ...(await importRunFile(await file.text())),
    }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storedRunKeys.all }),
  });
  const error = upload.error;
  return (
    <div className={styles.import}>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = "";
        }}
      />
      <Button
        onClick={() => input.current?.click()}
        disabled={upload.isPending}
        data-testid="import-run"
      >
        {upload.isPending ? "Checking the file…" : "Import a run file"}
      </Button>
      {upload.isSuccess ? (
        <p className={styles.importOk} role="status" data-testid="import-ok">
          Imported {upload.data.name}: the replay matched.{" "}
          <Link href={reportHref(upload.data.runId)}>Open its report</Link>
        </p>
      ) : null}
      {error ? (
        <div className={styles.importError} role="alert" data-testid="import-error">
          <p>
            <b>{upload.variables?.name ?? "The file"} was refused.</b> {error.message}
          </p>
          {error instanceof StoredRunError && error.issues.length > 0 ? (
            <ul>
              {error.issues.slice(0, 6).map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <code>{i.path || "(file)"}</code> {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
