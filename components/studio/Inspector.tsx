"use client";
// The side panel: a form for the selected node (by kind), or for the scenario itself when no
// node is selected. Clicking a lint finding lands here: the field at its pointer is
// highlighted, scrolled to and focused.
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { ZEffect } from "@/lib/scenario";
import { isObject, nodeId, nodesOf, referencesTo, setAt, deleteNode, type LooseNode, type StudioDoc } from "@/lib/studio/document";
import { useStudio } from "./context";
import { ConditionField, IdChecklist, JsonValueField, ListEditor, NodeIdField, NodeRefSelect, NumberInput, ScoreEditor, SelectInput, TextInput } from "./fields";

const ZEffects = z.array(ZEffect);

function idsOf(doc: StudioDoc, key: "roles" | "training" | "capabilities"): Array<{ id: string; name: string }> {
  const list = Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [];
  return list.filter(isObject).map((x) => ({ id: String(x.id ?? ""), name: String(x.name ?? x.title ?? x.id ?? "") })).filter((x) => x.id);
}

function freshId(existing: unknown, prefix: string): string {
  const used = new Set((Array.isArray(existing) ? existing : []).filter(isObject).map((x) => x.id));
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Asks before deleting a node others point to; the references stay and the linter lists them. */
export function confirmDelete(doc: StudioDoc, id: string, ask: (count: number) => boolean): boolean {
  const refs = referencesTo(doc, id);
  return refs.length === 0 || ask(refs.length);
}

export function Inspector() {
  const t = useTranslations("studio");
  const { doc, selection, select, change } = useStudio();
  const panel = useRef<HTMLDivElement>(null);
  const node = selection.index === null ? null : nodesOf(doc)[selection.index];

  useEffect(() => {
    const root = panel.current;
    if (!root) return;
    root.querySelectorAll(".is-focused").forEach((el) => el.classList.remove("is-focused"));
    const pointer = selection.pointer;
    if (!pointer) return;
    let best: HTMLElement | null = null;
    let bestLength = -1;
    for (const el of root.querySelectorAll<HTMLElement>("[data-pointer]")) {
      const p = el.dataset.pointer!;
      if ((pointer === p || pointer.startsWith(`${p}/`)) && p.length > bestLength) {
        best = el;
        bestLength = p.length;
      }
    }
    if (!best) return;
    best.classList.add("is-focused");
    best.scrollIntoView({ block: "center", behavior: "smooth" });
    best.querySelector<HTMLElement>("input, textarea, select")?.focus({ preventScroll: true });
  }, [selection]);

  const remove = () => {
    if (!node) return;
    const id = nodeId(node);
    if (!confirmDelete(doc, id, (count) => window.confirm(t("inspector.confirmDelete", { id, count })))) return;
    change(deleteNode(doc, id));
    select(null);
  };

  return (
    <div className="studio-inspector" ref={panel} data-testid="inspector">
      {node && selection.index !== null ? (
        <>
          <div className="studio-inspector-head">
            <h2>{{ inject: t("inspector.kind.inject"), decision: t("inspector.kind.decision"), branch: t("inspector.kind.branch"), end: t("inspector.kind.end"), unknown: t("inspector.kind.unknown") }[kindKey(node)]}</h2>
            <div className="row">
              <button type="button" className="btn ghost small" onClick={() => select(null)}>{t("inspector.scenarioSettings")}</button>
              <button type="button" className="btn danger small" onClick={remove} data-testid="delete-node">{t("inspector.delete")}</button>
            </div>
          </div>
          <NodeForm node={node} index={selection.index} />
        </>
      ) : (
        <>
          <div className="studio-inspector-head"><h2>{t("inspector.scenario")}</h2></div>
          <ScenarioForm />
        </>
      )}
    </div>
  );
}

function kindKey(node: LooseNode): "inject" | "decision" | "branch" | "end" | "unknown" {
  return node.type === "inject" || node.type === "decision" || node.type === "branch" || node.type === "end" ? node.type : "unknown";
}

function NodeForm({ node, index }: { node: LooseNode; index: number }) {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const p = `/nodes/${index}`;
  const roles = idsOf(doc, "roles");
  const training = idsOf(doc, "training");
  switch (node.type) {
    case "inject":
      return (
        <div>
          <NodeIdField index={index} />
          <TextInput pointer={`${p}/title`} label={t("fields.title")} />
          <TextInput pointer={`${p}/body`} label={t("fields.body")} multiline hint={t("fields.markdown")} />
          <NodeRefSelect pointer={`${p}/next`} label={t("fields.next")} />
          <IdChecklist pointer={`${p}/audience`} label={t("fields.audience")} items={roles} removeWhenEmpty hint={t("fields.audienceHint")} />
          <ListEditor pointer={`${p}/media`} label={t("fields.media")} addLabel={t("fields.addMedia")} removeWhenEmpty newItem={() => ({ kind: "email", text: "" })}>
            {(mp) => (
              <>
                <SelectInput pointer={`${mp}/kind`} label={t("fields.mediaKind")} options={["email", "chat", "news", "social", "document", "phone"].map((k) => ({ value: k, label: k }))} />
                <TextInput pointer={`${mp}/from`} label={t("fields.from")} optional />
                <TextInput pointer={`${mp}/subject`} label={t("fields.subject")} optional />
                <TextInput pointer={`${mp}/text`} label={t("fields.text")} multiline rows={3} />
              </>
            )}
          </ListEditor>
          <ListEditor pointer={`${p}/questions`} label={t("fields.questions")} addLabel={t("fields.addQuestion")} removeWhenEmpty newItem={(d) => ({ id: freshId(valueIn(d, `${p}/questions`), "q"), text: "", kind: "text" })}>
            {(qp) => (
              <>
                <TextInput pointer={`${qp}/id`} label={t("fields.id")} />
                <TextInput pointer={`${qp}/text`} label={t("fields.text")} multiline rows={2} />
                <SelectInput pointer={`${qp}/kind`} label={t("fields.questionKind")} options={[{ value: "text", label: t("fields.questionText") }, { value: "scale", label: t("fields.questionScale") }]} />
                <IdChecklist pointer={`${qp}/roles`} label={t("fields.askedRoles")} items={roles} removeWhenEmpty />
              </>
            )}
          </ListEditor>
        </div>
      );
    case "decision": {
      const hasTimeout = isObject(node.onTimeout);
      return (
        <div>
          <NodeIdField index={index} />
          <TextInput pointer={`${p}/title`} label={t("fields.titleOptional")} optional />
          <TextInput pointer={`${p}/prompt`} label={t("fields.prompt")} multiline rows={3} hint={t("fields.markdown")} />
          <SelectInput pointer={`${p}/decidedBy`} label={t("fields.decidedBy")} optional={t("fields.teamVote")} options={roles.map((r) => ({ value: r.id, label: r.name }))} />
          <NumberInput pointer={`${p}/timeLimitSeconds`} label={t("fields.timeLimit")} hint={t("fields.timeLimitHint")} />
          <SelectInput pointer={`${p}/teaching`} label={t("fields.teaching")} optional={t("fields.teachingDilemma")} options={[{ value: "single-answer", label: t("fields.teachingSingle") }]} hint={t("fields.teachingHint")} />
          <ListEditor pointer={`${p}/options`} label={t("fields.options")} addLabel={t("fields.addOption")} minItems={2} newItem={(d) => ({ id: freshId(valueIn(d, `${p}/options`), "option-"), label: "", next: "" })}>
            {(op) => (
              <>
                <TextInput pointer={`${op}/id`} label={t("fields.id")} />
                <TextInput pointer={`${op}/label`} label={t("fields.label")} />
                <NodeRefSelect pointer={`${op}/next`} label={t("fields.next")} />
                <ScoreEditor pointer={`${op}/score`} label={t("fields.score")} />
                <TextInput pointer={`${op}/feedback`} label={t("fields.feedback")} multiline rows={2} optional />
                <IdChecklist pointer={`${op}/training`} label={t("fields.training")} items={training} removeWhenEmpty />
                <ConditionField pointer={`${op}/when`} label={t("fields.when")} optional />
                <JsonValueField pointer={`${op}/effects`} label={t("fields.effects")} schema={ZEffects} optional hint={t("fields.effectsHint")} />
              </>
            )}
          </ListEditor>
          <fieldset className="studio-list" data-pointer={`${p}/onTimeout`}>
            <legend>{t("fields.onTimeout")}</legend>
            <label className="studio-check">
              <input
                type="checkbox"
                checked={hasTimeout}
                onChange={(e) => change(setAt(doc, `${p}/onTimeout`, e.target.checked ? { next: "" } : undefined), `${p}/onTimeout`)}
              />{" "}
              {t("fields.hasTimeout")}
            </label>
            {hasTimeout && (
              <>
                <NodeRefSelect pointer={`${p}/onTimeout/next`} label={t("fields.next")} />
                <ScoreEditor pointer={`${p}/onTimeout/score`} label={t("fields.score")} />
                <JsonValueField pointer={`${p}/onTimeout/effects`} label={t("fields.effects")} schema={ZEffects} optional hint={t("fields.effectsHint")} />
              </>
            )}
          </fieldset>
        </div>
      );
    }
    case "branch":
      return (
        <div>
          <NodeIdField index={index} />
          <ListEditor pointer={`${p}/cases`} label={t("fields.cases")} addLabel={t("fields.addCase")} minItems={1} newItem={() => ({ when: { visited: "" }, next: "" })}>
            {(cp) => (
              <>
                <ConditionField pointer={`${cp}/when`} label={t("fields.when")} />
                <NodeRefSelect pointer={`${cp}/next`} label={t("fields.next")} />
              </>
            )}
          </ListEditor>
          <NodeRefSelect pointer={`${p}/else`} label={t("fields.else")} />
        </div>
      );
    case "end":
      return (
        <div>
          <NodeIdField index={index} />
          <TextInput pointer={`${p}/title`} label={t("fields.title")} />
          <SelectInput
            pointer={`${p}/outcome`}
            label={t("fields.outcome")}
            options={[{ value: "success", label: t("fields.outcomeSuccess") }, { value: "partial", label: t("fields.outcomePartial") }, { value: "failure", label: t("fields.outcomeFailure") }]}
          />
          <TextInput pointer={`${p}/debrief`} label={t("fields.debrief")} multiline rows={5} hint={t("fields.markdown")} />
        </div>
      );
    default:
      return <p className="muted">{t("inspector.unknownKind")}</p>;
  }
}

function valueIn(doc: Record<string, unknown>, pointer: string): unknown {
  let v: unknown = doc;
  for (const key of pointer.slice(1).split("/")) v = Array.isArray(v) ? v[Number(key)] : isObject(v) ? v[key] : undefined;
  return v;
}

function ScenarioForm() {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const capabilities = idsOf(doc, "capabilities");
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((x) => typeof x === "string").join(", ") : "";
  const variables = isObject(doc.variables) ? doc.variables : {};
  return (
    <div>
      <TextInput pointer="/id" label={t("fields.scenarioId")} hint={t("fields.scenarioIdHint")} />
      <TextInput pointer="/title" label={t("fields.title")} />
      <TextInput pointer="/summary" label={t("fields.summary")} multiline rows={3} />
      <div className="studio-two">
        <SelectInput pointer="/locale" label={t("fields.locale")} options={[{ value: "en", label: "English" }, { value: "pl", label: "Polski" }]} />
        <NumberInput pointer="/estimatedMinutes" label={t("fields.minutes")} />
      </div>
      <div className="field studio-field" data-pointer="/tags">
        <label htmlFor="studio-tags">{t("fields.tags")}</label>
        <input
          id="studio-tags"
          value={tags}
          onChange={(e) => change(setAt(doc, "/tags", e.target.value.split(",").map((s) => s.trim()).filter(Boolean)), "/tags")}
        />
        <p className="hint">{t("fields.tagsHint")}</p>
      </div>
      <NodeRefSelect pointer="/start" label={t("fields.start")} />
      <ListEditor pointer="/capabilities" label={t("fields.capabilities")} addLabel={t("fields.addCapability")} newItem={(d) => ({ id: freshId(d.capabilities, "CAP"), name: "" })}>
        {(cp) => (
          <>
            <div className="studio-two">
              <TextInput pointer={`${cp}/id`} label={t("fields.id")} />
              <SelectInput pointer={`${cp}/framework`} label={t("fields.framework")} optional={t("fields.none")} options={["nist-csf-2.0", "hseep", "custom"].map((f) => ({ value: f, label: f }))} />
            </div>
            <TextInput pointer={`${cp}/name`} label={t("fields.name")} />
            <TextInput pointer={`${cp}/ref`} label={t("fields.ref")} optional />
          </>
        )}
      </ListEditor>
      <ListEditor pointer="/objectives" label={t("fields.objectives")} addLabel={t("fields.addObjective")} newItem={(d) => ({ id: freshId(d.objectives, "obj-"), text: "", capabilities: [] })}>
        {(op) => (
          <>
            <TextInput pointer={`${op}/id`} label={t("fields.id")} />
            <TextInput pointer={`${op}/text`} label={t("fields.text")} multiline rows={2} />
            <IdChecklist pointer={`${op}/capabilities`} label={t("fields.capabilities")} items={capabilities} />
          </>
        )}
      </ListEditor>
      <ListEditor pointer="/roles" label={t("fields.roles")} addLabel={t("fields.addRole")} newItem={(d) => ({ id: freshId(d.roles, "role-"), name: "" })}>
        {(rp) => (
          <>
            <div className="studio-two">
              <TextInput pointer={`${rp}/id`} label={t("fields.id")} />
              <TextInput pointer={`${rp}/name`} label={t("fields.name")} />
            </div>
            <TextInput pointer={`${rp}/description`} label={t("fields.description")} optional />
          </>
        )}
      </ListEditor>
      <ListEditor pointer="/training" label={t("fields.trainingTopics")} addLabel={t("fields.addTraining")} newItem={(d) => ({ id: freshId(d.training, "training-"), title: "" })}>
        {(tp) => (
          <>
            <TextInput pointer={`${tp}/id`} label={t("fields.id")} />
            <TextInput pointer={`${tp}/title`} label={t("fields.title")} />
            <TextInput pointer={`${tp}/url`} label={t("fields.url")} optional />
          </>
        )}
      </ListEditor>
      <fieldset className="studio-list" data-pointer="/variables">
        <legend>{t("fields.variables")}</legend>
        {Object.entries(variables).map(([name, v]) => (
          <div key={name} className="studio-list-item" data-pointer={`/variables/${name}`}>
            <div className="studio-list-item-head">
              <code>{name}</code>
              <button type="button" className="btn ghost small" onClick={() => change(setAt(doc, `/variables/${name}`, undefined))}>{t("fields.remove")}</button>
            </div>
            <div className="studio-two">
              <SelectInput pointer={`/variables/${name}/type`} label={t("fields.type")} options={["boolean", "number", "string"].map((x) => ({ value: x, label: x }))} />
              <JsonValueField pointer={`/variables/${name}/default`} label={t("fields.default")} schema={z.union([z.boolean(), z.number(), z.string()])} />
            </div>
            {isObject(v) ? null : <p className="field-error small">{t("fields.badVariable")}</p>}
          </div>
        ))}
        <VariableAdder />
      </fieldset>
    </div>
  );
}

function VariableAdder() {
  const t = useTranslations("studio");
  const { doc, change } = useStudio();
  const add = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const type = String(data.get("type") ?? "boolean");
    if (!name) return;
    const initial = type === "number" ? 0 : type === "string" ? "" : false;
    change(setAt(doc, `/variables/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, { type, default: initial }));
    form.reset();
  };
  return (
    <div className="studio-helper">
      <input name="name" form="studio-add-variable" placeholder={t("fields.variableName")} aria-label={t("fields.variableName")} />
      <select name="type" form="studio-add-variable" aria-label={t("fields.type")}>
        <option value="boolean">boolean</option>
        <option value="number">number</option>
        <option value="string">string</option>
      </select>
      <form id="studio-add-variable" onSubmit={(e) => { e.preventDefault(); add(e.currentTarget); }}>
        <button type="submit" className="btn secondary small">{t("fields.addVariable")}</button>
      </form>
    </div>
  );
}
