"use client";
// Form fields bound to a JSON pointer in the studio document. Each writes through
// setAt + change(), so every form edit is one undoable step, and each carries its pointer
// (data-pointer) so a lint finding can find and highlight it.
import { useEffect, useId, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { ZCondition, type TCondition } from "@/lib/scenario";
import { isObject, nodeId, nodesOf, renameNode, setAt, valueAt } from "@/lib/studio/document";
import { useStudio } from "./context";

export function Field({ pointer, label, hint, children, htmlFor }: { pointer: string; label: ReactNode; hint?: ReactNode; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="field studio-field" data-pointer={pointer}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}

export function TextInput({ pointer, label, multiline, optional, hint, rows }: { pointer: string; label: ReactNode; multiline?: boolean; optional?: boolean; hint?: ReactNode; rows?: number }) {
  const { doc, change } = useStudio();
  const id = useId();
  const raw = valueAt(doc, pointer);
  const value = typeof raw === "string" ? raw : raw === undefined ? "" : String(raw);
  const set = (v: string) => change(setAt(doc, pointer, optional && v === "" ? undefined : v), pointer);
  return (
    <Field pointer={pointer} label={label} hint={hint} htmlFor={id}>
      {multiline ? (
        <textarea id={id} value={value} rows={rows ?? 4} onChange={(e) => set(e.target.value)} />
      ) : (
        <input id={id} value={value} onChange={(e) => set(e.target.value)} />
      )}
    </Field>
  );
}

export function NumberInput({ pointer, label, hint }: { pointer: string; label: ReactNode; hint?: ReactNode }) {
  const { doc, change } = useStudio();
  const id = useId();
  const raw = valueAt(doc, pointer);
  return (
    <Field pointer={pointer} label={label} hint={hint} htmlFor={id}>
      <input
        id={id}
        type="number"
        value={typeof raw === "number" ? String(raw) : ""}
        onChange={(e) => change(setAt(doc, pointer, e.target.value === "" ? undefined : Number(e.target.value)), pointer)}
      />
    </Field>
  );
}

export function SelectInput({ pointer, label, options, optional, hint }: { pointer: string; label: ReactNode; options: Array<{ value: string; label: string }>; optional?: string; hint?: ReactNode }) {
  const { doc, change } = useStudio();
  const id = useId();
  const raw = valueAt(doc, pointer);
  const value = typeof raw === "string" ? raw : "";
  const known = options.some((o) => o.value === value);
  return (
    <Field pointer={pointer} label={label} hint={hint} htmlFor={id}>
      <select id={id} value={value} onChange={(e) => change(setAt(doc, pointer, e.target.value === "" && optional !== undefined ? undefined : e.target.value), pointer)}>
        {optional !== undefined && <option value="">{optional}</option>}
        {!known && value !== "" && <option value={value}>{value}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}

/** A reference to another node, chosen from the nodes that exist (a missing one stays visible). */
export function NodeRefSelect({ pointer, label }: { pointer: string; label: ReactNode }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const id = useId();
  const raw = valueAt(doc, pointer);
  const value = typeof raw === "string" ? raw : "";
  const ids = nodesOf(doc).map(nodeId).filter(Boolean);
  const missing = value !== "" && !ids.includes(value);
  return (
    <Field pointer={pointer} label={label} htmlFor={id}>
      <select id={id} value={value} onChange={(e) => change(setAt(doc, pointer, e.target.value), pointer)} data-missing={missing || undefined}>
        <option value="">{t("fields.notConnected")}</option>
        {missing && <option value={value}>{t("fields.missingNode", { id: value })}</option>}
        {ids.map((nid) => <option key={nid} value={nid}>{nid}</option>)}
      </select>
    </Field>
  );
}

/** A list of ids (roles, training topics, capabilities) as checkboxes. */
export function IdChecklist({ pointer, label, items, removeWhenEmpty, hint }: { pointer: string; label: ReactNode; items: Array<{ id: string; name: string }>; removeWhenEmpty?: boolean; hint?: ReactNode }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const raw = valueAt(doc, pointer);
  const selected = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
  const extra = selected.filter((s) => !items.some((i) => i.id === s));
  const toggle = (itemId: string, on: boolean) => {
    const next = on ? [...selected, itemId] : selected.filter((s) => s !== itemId);
    change(setAt(doc, pointer, next.length === 0 && removeWhenEmpty ? undefined : next), pointer);
  };
  return (
    <div className="field studio-field" data-pointer={pointer}>
      <span className="studio-label">{label}</span>
      {items.length === 0 && extra.length === 0 && <p className="hint">{t("fields.nothingDeclared")}</p>}
      <div className="studio-checks">
        {[...items, ...extra.map((e) => ({ id: e, name: t("fields.undeclared", { id: e }) }))].map((item) => (
          <label key={item.id} className="studio-check">
            <input type="checkbox" checked={selected.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} /> {item.name}
          </label>
        ))}
      </div>
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}

/** An array of objects: one box per item with a remove button, and an add button. */
export function ListEditor({ pointer, label, addLabel, newItem, children, removeWhenEmpty, minItems = 0 }: {
  pointer: string;
  label: ReactNode;
  addLabel: string;
  newItem: (doc: Record<string, unknown>) => unknown;
  children: (itemPointer: string, index: number) => ReactNode;
  removeWhenEmpty?: boolean;
  minItems?: number;
}) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const raw = valueAt(doc, pointer);
  const items = Array.isArray(raw) ? raw : [];
  const remove = (i: number) => {
    const next = items.filter((_, j) => j !== i);
    change(setAt(doc, pointer, next.length === 0 && removeWhenEmpty ? undefined : next), `${pointer}#remove`);
  };
  return (
    <fieldset className="studio-list" data-pointer={pointer}>
      <legend>{label}</legend>
      {items.map((_, i) => (
        <div key={i} className="studio-list-item" data-pointer={`${pointer}/${i}`}>
          <div className="studio-list-item-head">
            <span className="muted small">#{i + 1}</span>
            <button type="button" className="btn ghost small" onClick={() => remove(i)} disabled={items.length <= minItems}>{t("fields.remove")}</button>
          </div>
          {children(`${pointer}/${i}`, i)}
        </div>
      ))}
      <button type="button" className="btn secondary small" onClick={() => change(setAt(doc, pointer, [...items, newItem(doc)]), `${pointer}#add`)}>{addLabel}</button>
    </fieldset>
  );
}

/** Points per capability: one number per declared capability; an empty box leaves it out. */
export function ScoreEditor({ pointer, label }: { pointer: string; label: ReactNode }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const capabilities = (Array.isArray(doc.capabilities) ? doc.capabilities : []).filter(isObject).map((c) => ({ id: String(c.id ?? ""), name: String(c.name ?? "") }));
  const raw = valueAt(doc, pointer);
  const score = isObject(raw) ? raw : {};
  const undeclared = Object.keys(score).filter((k) => !capabilities.some((c) => c.id === k));
  const set = (capability: string, text: string) => {
    const next: Record<string, unknown> = { ...score };
    if (text === "") delete next[capability];
    else next[capability] = Number(text);
    change(setAt(doc, pointer, Object.keys(next).length ? next : undefined), `${pointer}/${capability}`);
  };
  return (
    <div className="field studio-field" data-pointer={pointer}>
      <span className="studio-label">{label}</span>
      {capabilities.length === 0 && <p className="hint">{t("fields.noCapabilities")}</p>}
      <div className="studio-score">
        {[...capabilities, ...undeclared.map((id) => ({ id, name: t("fields.undeclared", { id }) }))].map((c) => (
          <label key={c.id} className="studio-score-item" data-pointer={`${pointer}/${c.id}`} title={c.name}>
            <span><code>{c.id}</code></span>
            <input type="number" step="1" value={typeof score[c.id] === "number" ? String(score[c.id]) : ""} onChange={(e) => set(c.id, e.target.value)} aria-label={t("fields.pointsFor", { capability: c.name || c.id })} />
          </label>
        ))}
      </div>
    </div>
  );
}

/**
 * Raw JSON for a sub-value (a condition, a list of effects), validated as it is typed. Text that
 * does not parse or validate is kept in the box with the error and never written to the document.
 */
export function JsonValueField({ pointer, label, schema, optional, hint, children }: { pointer: string; label: ReactNode; schema: z.ZodType; optional?: boolean; hint?: ReactNode; children?: ReactNode }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const id = useId();
  const value = valueAt(doc, pointer);
  const formatted = value === undefined ? "" : JSON.stringify(value);
  const [text, setText] = useState(formatted);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Follow the document when it changes elsewhere (undo, the helper, the JSON tab).
    setText((current) => {
      try {
        if (current.trim() !== "" && JSON.stringify(JSON.parse(current)) === formatted) return current;
      } catch {
        /* replaced below */
      }
      return formatted;
    });
    setError(null);
  }, [formatted]);
  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      if (optional) {
        setError(null);
        change(setAt(doc, pointer, undefined), pointer);
      } else setError(t("fields.required"));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (e) {
      setError(t("fields.badJson", { message: (e as Error).message }));
      return;
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      setError(`${issue.path.length ? `/${issue.path.join("/")}: ` : ""}${issue.message}`);
      return;
    }
    setError(null);
    change(setAt(doc, pointer, parsed), pointer);
  };
  return (
    <div className="field studio-field" data-pointer={pointer}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} className="studio-code" rows={2} value={text} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error ? <p className="field-error small" role="alert">{error}</p> : hint ? <p className="hint">{hint}</p> : null}
      {children}
    </div>
  );
}

type HelperKind = "var" | "visited" | "chose";

/** A condition: raw JSON with live validation, plus a helper that builds one from the grammar. */
export function ConditionField({ pointer, label, optional }: { pointer: string; label: ReactNode; optional?: boolean }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const [kind, setKind] = useState<HelperKind>("var");
  const [a, setA] = useState("");
  const [op, setOp] = useState("eq");
  const [b, setB] = useState("");
  const variables = isObject(doc.variables) ? doc.variables : {};
  const nodes = nodesOf(doc);
  const decisions = nodes.filter((n) => n.type === "decision");
  const current = valueAt(doc, pointer) as TCondition | undefined;

  const built = (): TCondition | null => {
    if (kind === "visited") return a ? { visited: a } : null;
    if (kind === "chose") return a && b ? { chose: `${a}.${b}` } : null;
    if (!a) return null;
    const declared = variables[a];
    const type = isObject(declared) ? declared.type : "string";
    const value = type === "number" ? Number(b) : type === "boolean" ? b === "true" : b;
    return { var: a, op: op as "eq", value };
  };
  const apply = (how: "replace" | "all" | "any" | "not") => {
    if (how === "not") {
      if (current !== undefined) change(setAt(doc, pointer, { not: current }), `${pointer}#helper`);
      return;
    }
    const condition = built();
    if (!condition) return;
    const next = how === "replace" || current === undefined || !ZCondition.safeParse(current).success ? condition : { [how]: [current, condition] };
    change(setAt(doc, pointer, next), `${pointer}#helper`);
  };
  const decision = decisions.find((d) => d.id === a);
  const options = decision && Array.isArray(decision.options) ? decision.options.filter(isObject).map((o) => String(o.id ?? "")) : [];

  return (
    <JsonValueField pointer={pointer} label={label} schema={ZCondition} optional={optional} hint={t("condition.hint")}>
      <div className="studio-helper" role="group" aria-label={t("condition.helper")}>
        <select value={kind} onChange={(e) => { setKind(e.target.value as HelperKind); setA(""); setB(""); }} aria-label={t("condition.kind")}>
          <option value="var">{t("condition.kindVar")}</option>
          <option value="visited">{t("condition.kindVisited")}</option>
          <option value="chose">{t("condition.kindChose")}</option>
        </select>
        {kind === "var" && (
          <>
            <select value={a} onChange={(e) => setA(e.target.value)} aria-label={t("condition.variable")}>
              <option value="">{t("condition.pickVariable")}</option>
              {Object.keys(variables).map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
            <select value={op} onChange={(e) => setOp(e.target.value)} aria-label={t("condition.operator")}>
              {["eq", "ne", "lt", "lte", "gt", "gte"].map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
            <input value={b} onChange={(e) => setB(e.target.value)} placeholder={t("condition.value")} aria-label={t("condition.value")} />
          </>
        )}
        {kind === "visited" && (
          <select value={a} onChange={(e) => setA(e.target.value)} aria-label={t("condition.node")}>
            <option value="">{t("condition.pickNode")}</option>
            {nodes.map(nodeId).filter(Boolean).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        )}
        {kind === "chose" && (
          <>
            <select value={a} onChange={(e) => { setA(e.target.value); setB(""); }} aria-label={t("condition.decision")}>
              <option value="">{t("condition.pickDecision")}</option>
              {decisions.map(nodeId).filter(Boolean).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
            <select value={b} onChange={(e) => setB(e.target.value)} aria-label={t("condition.option")}>
              <option value="">{t("condition.pickOption")}</option>
              {options.map((o) => <option key={o} value={o}>{o}</option>)}
              {decision && <option value="@timeout">@timeout</option>}
            </select>
          </>
        )}
        <div className="studio-helper-actions">
          <button type="button" className="btn secondary small" onClick={() => apply("replace")}>{t("condition.set")}</button>
          <button type="button" className="btn secondary small" onClick={() => apply("all")} disabled={current === undefined}>{t("condition.and")}</button>
          <button type="button" className="btn secondary small" onClick={() => apply("any")} disabled={current === undefined}>{t("condition.or")}</button>
          <button type="button" className="btn secondary small" onClick={() => apply("not")} disabled={current === undefined}>{t("condition.not")}</button>
        </div>
      </div>
    </JsonValueField>
  );
}

/** A node's id: renaming it follows every reference, so it is applied when the field is left. */
export function NodeIdField({ index }: { index: number }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const fieldId = useId();
  const current = nodeId(nodesOf(doc)[index] ?? {});
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const commit = () => {
    if (text !== current) change(current ? renameNode(doc, current, text) : setAt(doc, `/nodes/${index}/id`, text), `/nodes/${index}/id`);
  };
  return (
    <Field pointer={`/nodes/${index}/id`} label={t("fields.nodeId")} hint={t("fields.nodeIdHint")} htmlFor={fieldId}>
      <input id={fieldId} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} data-testid="node-id" />
    </Field>
  );
}
