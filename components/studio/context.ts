"use client";
// What every studio panel needs from the editor: the current document, a way to change it
// (recorded for undo), and the current selection.
import { createContext, useContext } from "react";
import type { StudioDoc } from "@/lib/studio/document";

export type Selection = { index: number | null; pointer: string | null; seq: number };

export type StudioApi = {
  doc: StudioDoc;
  /** Records a new document; edits with the same `key` in quick succession merge into one undo step. */
  change: (next: StudioDoc, key?: string) => void;
  selection: Selection;
  /** Selects a node (by index in `nodes`, or null for the scenario settings) and optionally a field. */
  select: (index: number | null, pointer?: string | null) => void;
};

export const StudioContext = createContext<StudioApi | null>(null);

export function useStudio(): StudioApi {
  const api = useContext(StudioContext);
  if (!api) throw new Error("useStudio outside the studio editor");
  return api;
}
