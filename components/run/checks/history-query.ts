import { queryOptions } from "@tanstack/react-query";
import type { RunActions } from "../store/run-actions";

/**
 * One message's history, asked over the run's socket but held by TanStack Query like
 * any other request, so reopening a message is instant and an open inspector refreshes.
 */
export const messageHistoryQuery = (
  runId: string,
  eventId: number,
  actions: RunActions,
  live: boolean,
) =>
  queryOptions({
    queryKey: ["runs", runId, "history", eventId] as const,
    queryFn: () => actions.history(eventId),
    staleTime: live ? 1000 : Infinity,
    refetchInterval: live ? 1500 : false,
  });
