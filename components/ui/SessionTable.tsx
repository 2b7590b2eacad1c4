import Link from "next/link";
import type { SessionRow } from "@/lib/home/overview";

const STATUS_BADGE: Record<string, string> = { LOBBY: "", RUNNING: "ok", PAUSED: "warn", ENDED: "neutral", ABORTED: "danger" };

export function SessionTable({ sessions, empty, aarLabel }: { sessions: SessionRow[]; empty: React.ReactNode; aarLabel: string }) {
  if (sessions.length === 0) return <div className="empty">{empty}</div>;
  return (
    <table className="table">
      <thead>
        <tr><th>Session</th><th>Scenario</th><th>Teams</th><th>Status</th><th>Created</th></tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <td>
              <Link href={`/sessions/${s.id}`}>{s.title}</Link>
              {s.status !== "LOBBY" && <> · <Link className="small" href={`/sessions/${s.id}/aar`} data-testid="session-aar-link">{aarLabel}</Link></>}
            </td>
            <td>{s.scenarioTitle}</td>
            <td>{s.teams}</td>
            <td><span className={`badge ${STATUS_BADGE[s.status] ?? ""}`}>{s.status.toLowerCase()}</span></td>
            <td className="small muted">{s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
