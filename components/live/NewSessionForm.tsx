"use client";
// Creates a session: scenario, title, teams, anonymity and who assigns teams; posts to
// POST /api/sessions and opens the console of the new session.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

export type ScenarioChoice = { id: string; title: string; summary: string; locale: string; estimatedMinutes: number; decisions: number };

type TeamRow = { key: number; name: string };

function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function NewSessionForm({ scenarios, initialScenarioId }: { scenarios: ScenarioChoice[]; initialScenarioId: string | null }) {
  const router = useRouter();
  const nextKey = useRef(1);
  const [scenarioId, setScenarioId] = useState(initialScenarioId ?? "");
  const [title, setTitle] = useState("");
  const [teams, setTeams] = useState<TeamRow[]>([{ key: 0, name: "" }]);
  const [anonymous, setAnonymous] = useState(false);
  const [selfAssign, setSelfAssign] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scenario = scenarios.find((s) => s.id === scenarioId) ?? null;

  function check(): string | null {
    if (!scenario) return "Choose a scenario.";
    const names = teams.map((t) => t.name.trim());
    const empty = names.findIndex((n) => !n);
    if (empty >= 0) return `Team ${empty + 1} needs a name, or remove that row.`;
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.toLowerCase())) return `Two teams are called “${n}”; team names must be different.`;
      seen.add(n.toLowerCase());
    }
    return null;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = check();
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const res = await fetch("/api/sessions", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          scenarioId,
          ...(title.trim() ? { title: title.trim() } : {}),
          teams: teams.map((t) => t.name.trim()),
          anonymous,
          selfAssign,
        }),
      });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: { message: string } } | null;
      if (res.status === 201 && body?.id) {
        router.push(`/sessions/${body.id}`);
        return;
      }
      setError(body?.error?.message ? sentence(body.error.message) : `The session was not created (HTTP ${res.status}). Try again.`);
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form className="card new-session" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="scenario">Scenario</label>
        <select id="scenario" value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} required>
          <option value="">Choose a scenario…</option>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>{s.title}</option>
          ))}
        </select>
        {scenario && (
          <div className="scenario-pick" data-testid="scenario-pick">
            <div className="row small muted">
              <span className="badge neutral">{scenario.locale}</span>
              <span>{scenario.estimatedMinutes} min</span>
              <span>{scenario.decisions} decisions</span>
            </div>
            <p className="small">{scenario.summary}</p>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="title">Session title <span className="muted small">(optional)</span></label>
        <input id="title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} placeholder={scenario?.title ?? "e.g. Q3 breach drill, Berlin office"} />
      </div>
      <fieldset className="field team-rows">
        <legend>Teams</legend>
        <p className="hint">Each team plays through the scenario on its own, e.g. one team per department.</p>
        {teams.map((t, i) => (
          <div className="team-row" key={t.key}>
            <label className="sr-only" htmlFor={`team-${t.key}`}>Team {i + 1} name</label>
            <input
              id={`team-${t.key}`}
              data-testid="team-name"
              value={t.name}
              maxLength={60}
              placeholder={i === 0 ? "e.g. Legal" : i === 1 ? "e.g. IT" : `Team ${i + 1}`}
              onChange={(e) => setTeams((rows) => rows.map((r) => (r.key === t.key ? { ...r, name: e.target.value } : r)))}
            />
            <button type="button" className="btn ghost" aria-label={`Remove team ${i + 1}`} disabled={teams.length === 1} onClick={() => setTeams((rows) => rows.filter((r) => r.key !== t.key))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="btn secondary" data-testid="add-team" disabled={teams.length >= 50} onClick={() => setTeams((rows) => [...rows, { key: nextKey.current++, name: "" }])}>
          + Add team
        </button>
      </fieldset>
      <div className="field check">
        <input id="anonymous" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <label htmlFor="anonymous">
          Anonymous
          <span className="hint">Participants get a pseudonym; nothing links answers and votes to a person.</span>
        </label>
      </div>
      <div className="field check">
        <input id="self-assign" type="checkbox" checked={selfAssign} onChange={(e) => setSelfAssign(e.target.checked)} />
        <label htmlFor="self-assign">
          Participants pick their own team and role
          <span className="hint">Otherwise you assign each participant in the console’s lobby.</span>
        </label>
      </div>
      {error && <div className="alert error" role="alert">{error}</div>}
      <button className="btn" type="submit" disabled={busy}>{busy ? "Creating…" : "Create session"}</button>
    </form>
  );
}
