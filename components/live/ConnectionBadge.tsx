import type { ConnectionState } from "@/lib/realtime/client";

const LABEL: Record<ConnectionState, string> = { connecting: "Connecting…", online: "Live", offline: "Reconnecting…" };

/** Whether the page is receiving live updates right now. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`conn conn-${state}`} role="status" data-testid="connection" data-state={state}>
      <span className="dot" aria-hidden /> {LABEL[state]}
    </span>
  );
}
