// Free-text and scale answers as they come in, newest first.
import type { ConsoleView } from "@/lib/session/views";

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function AnswerStream({ view }: { view: ConsoleView }) {
  const teamName = new Map(view.teams.map((t) => [t.id, t.name]));
  return (
    <section className="card answers" aria-label="Answers" data-testid="answers">
      <header className="row roster-head">
        <h2>Answers</h2>
        <span className="small muted">{view.answers.length}</span>
      </header>
      {view.answers.length === 0 ? (
        <p className="muted small">Answers to inject questions appear here as participants send them.</p>
      ) : (
        <ul className="answer-list">
          {view.answers.map((a) => (
            <li key={a.id}>
              <div className="answer-meta small muted">
                <span className="badge neutral">{teamName.get(a.teamId) ?? "—"}</span> {a.participant} · <time dateTime={a.at} suppressHydrationWarning>{clock(a.at)}</time>
              </div>
              <div className="answer-question small">{a.question}</div>
              <div className="answer-text">{a.value !== null ? <strong>{a.value} / 5</strong> : a.text}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
