"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteStoredRun, storedRunKeys, type RunListItem } from "../api/stored-runs";
import { ConfirmDialog } from "../ui/ConfirmDialog";

/** Asks before deleting a stored run; its forks stay, unlinked. */
export function DeleteRunDialog({ run, onClose }: { run: RunListItem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteStoredRun(run.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: storedRunKeys.all });
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete “${run.title}”?`}
      confirmLabel="Delete run"
      danger
      busy={remove.isPending}
      error={remove.error ? `Not deleted: ${remove.error.message}` : null}
      onConfirm={() => remove.mutate()}
      onCancel={onClose}
      testId="delete-dialog"
    >
      The run <span className="mono">{run.id}</span> and its command log are removed from the store.
      Forks made from it stay and keep working on their own. This cannot be undone, but an exported
      file can be imported again.
    </ConfirmDialog>
  );
}
