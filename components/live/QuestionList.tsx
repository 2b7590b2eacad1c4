"use client";
// The questions of the current inject that are meant for this participant's role, each
// saved on its own; "Saved ✓" appears only once the server has acknowledged the answer.
import { useState } from "react";
import type { NodeView } from "@/lib/session/views";
import { submitAnswer, useParticipantStore, type SaveStatus } from "./stores";

type InjectNode = Extract<NodeView, { type: "inject" }>;
type Question = InjectNode["questions"][number];

export function questionsFor(node: InjectNode, roleId: string | null): Question[] {
  return node.questions.filter((q) => q.roles === null || (roleId !== null && q.roles.includes(roleId)));
}

/** Saving… while the write is on its way, the error if it was refused, "Saved ✓" once acknowledged. */
function SaveState({ status, saved }: { status: SaveStatus | undefined; saved: boolean }) {
  if (status?.state === "saving") return <span className="save-state saving">Saving…</span>;
  if (status?.state === "error") return <span className="save-state error" role="alert">Not saved: {status.message}</span>;
  if (saved) return <span className="save-state saved" data-testid="answer-saved">Saved ✓</span>;
  return null;
}

function TextQuestion({ question, saved, status }: { question: Question; saved: string | null; status: SaveStatus | undefined }) {
  const [draft, setDraft] = useState(saved ?? "");
  const dirty = draft.trim() !== (saved ?? "").trim();
  const id = `q-${question.id}`;
  return (
    <form
      className="question"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) void submitAnswer(question.id, { text: draft.trim() });
      }}
    >
      <label htmlFor={id}>{question.text}</label>
      <textarea id={id} rows={3} maxLength={4000} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Your answer" />
      <div className="question-foot">
        <button className="btn secondary" type="submit" disabled={!draft.trim() || status?.state === "saving" || (!dirty && saved !== null)}>
          {saved !== null && dirty ? "Save changes" : "Save answer"}
        </button>
        <SaveState status={status} saved={saved !== null && !dirty} />
      </div>
    </form>
  );
}

function ScaleQuestion({ question, saved, status }: { question: Question; saved: number | null; status: SaveStatus | undefined }) {
  const [picked, setPicked] = useState<number | null>(saved);
  const labelId = `q-${question.id}-label`;
  return (
    <div className="question">
      <div id={labelId} className="question-label">{question.text}</div>
      <div className="scale" role="radiogroup" aria-labelledby={labelId}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={picked === n}
            className={`scale-step${picked === n ? " selected" : ""}`}
            disabled={status?.state === "saving"}
            onClick={() => {
              setPicked(n);
              void submitAnswer(question.id, { value: n });
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="scale-ends small muted" aria-hidden><span>1 · low</span><span>5 · high</span></div>
      <div className="question-foot">
        <SaveState status={status} saved={saved !== null && picked === saved} />
      </div>
    </div>
  );
}

export function QuestionList({ node, visit, roleId }: { node: InjectNode; visit: number; roleId: string | null }) {
  const myAnswers = useParticipantStore((s) => s.view?.myAnswers);
  const statuses = useParticipantStore((s) => s.answers);
  const questions = questionsFor(node, roleId);
  if (questions.length === 0) return null;
  return (
    <section className="card questions" aria-label="Questions" data-testid="questions">
      <h3>{questions.length === 1 ? "A question for you" : "Questions for you"}</h3>
      <p className="small muted">Your answers go to the facilitator. You can change them until the team moves on.</p>
      {questions.map((q) => {
        const saved = myAnswers?.[q.id];
        const key = `${node.id}#${visit}/${q.id}`;
        return q.kind === "scale" ? (
          <ScaleQuestion key={key} question={q} saved={saved?.value ?? null} status={statuses[q.id]} />
        ) : (
          <TextQuestion key={key} question={q} saved={saved?.text ?? null} status={statuses[q.id]} />
        );
      })}
    </section>
  );
}
