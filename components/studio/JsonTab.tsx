"use client";
// The same document as JSON text (CodeMirror). Valid JSON becomes the document as it is
// typed; text that does not parse shows line and column and leaves the last good document
// in place, so nothing is lost while the author fixes it.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import CodeMirror, { EditorView, type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { json } from "@codemirror/lang-json";
import { lintScenarioText } from "@/lib/scenario";
import { isObject } from "@/lib/studio/document";
import { lineOfOffset, pointerOffset } from "@/lib/studio/pointer-offset";
import { useStudio } from "./context";
import { withoutPosition } from "./syntax";

export function formatDocument(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + "\n";
}

const extensions = [json(), EditorView.lineWrapping];

/** A request to put the cursor on a finding: by pointer, or by line and column for a syntax error. */
export type JsonGoto = { pointer: string; line: number | null; column: number; seq: number };

export function JsonTab({ goto }: { goto?: JsonGoto | null }) {
  const t = useTranslations("studio");
  const tj = useTranslations("studioStart.json");
  const { doc, change } = useStudio();
  const [text, setText] = useState(() => formatDocument(doc));
  const [problem, setProblem] = useState<{ line?: number; column?: number; message: string } | null>(null);
  const lastWritten = useRef<unknown>(doc);
  const editor = useRef<ReactCodeMirrorRef>(null);
  const [jumped, setJumped] = useState<number | null>(null);

  useEffect(() => {
    const view = editor.current?.view;
    if (!goto || !view) return;
    const text = view.state.doc.toString();
    let offset: number;
    if (goto.line !== null) {
      const line = view.state.doc.line(Math.min(Math.max(goto.line, 1), view.state.doc.lines));
      offset = Math.min(line.from + Math.max(goto.column - 1, 0), line.to);
    } else {
      offset = pointerOffset(text, goto.pointer);
    }
    view.dispatch({ selection: { anchor: offset }, effects: EditorView.scrollIntoView(offset, { y: "center" }) });
    view.focus();
    setJumped(lineOfOffset(text, offset));
    // goto.seq changes on every click, even on the same finding twice.
  }, [goto]);

  useEffect(() => {
    // The document changed elsewhere (a form, the canvas, undo): show it.
    if (doc !== lastWritten.current) {
      setText(formatDocument(doc));
      setProblem(null);
      lastWritten.current = doc;
    }
  }, [doc]);

  const onChange = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      const syntax = lintScenarioText(next).findings.find((f) => f.code === "SYNTAX");
      setProblem({ line: syntax?.line, column: syntax?.column, message: withoutPosition(syntax?.message) || t("json.invalid") });
      return;
    }
    if (!isObject(parsed)) {
      setProblem({ message: t("json.notObject") });
      return;
    }
    setProblem(null);
    lastWritten.current = parsed;
    change(parsed, "json");
  };

  return (
    <div className="studio-json" data-testid="json-tab">
      {problem ? (
        <div className="alert error" role="alert" data-testid="json-error">
          {problem.line !== undefined ? t("json.syntaxAt", { line: problem.line, column: problem.column ?? 1 }) : null} {problem.message}{" "}
          <strong>{t("json.kept")}</strong>
        </div>
      ) : (
        <p className="muted small">{t("json.hint")}</p>
      )}
      <p className="sr-only" aria-live="polite" data-testid="json-cursor-line" data-line={jumped ?? undefined}>{jumped !== null ? tj("jumped", { line: jumped }) : ""}</p>
      <CodeMirror ref={editor} value={text} onChange={onChange} extensions={extensions} height="600px" basicSetup={{ foldGutter: true, highlightActiveLine: true }} aria-label={t("json.label")} />
    </div>
  );
}
