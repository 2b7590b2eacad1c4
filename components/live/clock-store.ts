"use client";
// The regulatory clocks a page shows: each team's TeamClocks as the server last pushed it
// (`clocks:state`), the connection's clock offset, and the few writes (a draft field, a
// notice, a facilitator's clock command). The server judges every clock; this store only
// keeps what it said, dropping a push older than what it holds.
import { create } from "zustand";
import { RequestError, type RealtimeClient } from "@/lib/realtime/client";
import type { ClockCommand } from "@/lib/session/clock-inputs";
import type { TeamClocks } from "@/lib/session/clock-views";

export type ClockProblem = { code: string; message: string; path?: string };

type ClockState = {
  client: RealtimeClient | null;
  sessionId: string | null;
  teams: Record<string, TeamClocks>;
  /** Server time minus this browser's time, from the last push. */
  offsetMs: number;
};

export const useClockStore = create<ClockState>()(() => ({ client: null, sessionId: null, teams: {}, offsetMs: 0 }));

export function applyClocks(view: TeamClocks) {
  const { sessionId, teams } = useClockStore.getState();
  if (sessionId && view.sessionId !== sessionId) return;
  const held = teams[view.teamId];
  if (held && Date.parse(held.serverTime) > Date.parse(view.serverTime)) return;
  useClockStore.setState({ teams: { ...teams, [view.teamId]: view }, offsetMs: Date.parse(view.serverTime) - Date.now() });
}

/** Wires a page's connection: its pushes, and the first views (again on every reconnect). */
export function attachClocks(client: RealtimeClient | null, sessionId: string | null) {
  useClockStore.setState({ client, sessionId, ...(client ? {} : { teams: {} }) });
  client?.socket.on("clocks:state", applyClocks);
}

/** A participant's handshake: their team's clocks. */
export async function loadParticipantClocks(client: RealtimeClient) {
  const { clocks } = await client.call("clocks:get", {});
  if (clocks) applyClocks(clocks);
}

/** A console's or present screen's handshake: every team's clocks, and pushes from then on. */
export async function watchClocks(client: RealtimeClient, sessionId: string) {
  const { teams } = await client.call("clocks:watch", { sessionId });
  for (const view of teams) applyClocks(view);
}

function problemOf(e: unknown): ClockProblem {
  if (e instanceof RequestError) return { code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) };
  return { code: "UNKNOWN", message: "something went wrong; try again" };
}

type Outcome = { ok: true } | { ok: false; problem: ClockProblem };

async function attempt(work: (client: RealtimeClient) => Promise<unknown>): Promise<Outcome> {
  const { client } = useClockStore.getState();
  if (!client) return { ok: false, problem: { code: "NOT_CONNECTED", message: "not connected yet" } };
  try {
    await work(client);
    return { ok: true };
  } catch (e) {
    return { ok: false, problem: problemOf(e) };
  }
}

export function editNoticeField(taskId: string, fieldId: string, value: string): Promise<Outcome> {
  return attempt((c) => c.send("notice:edit", { taskId, fieldId, value }));
}

export function submitNotice(taskId: string): Promise<Outcome> {
  return attempt((c) => c.send("notice:submit", { taskId }));
}

export function runClockCommand(command: ClockCommand): Promise<Outcome> {
  return attempt(async (c) => {
    const { sessionId } = useClockStore.getState();
    const { clocks } = await c.send("clocks:command", { sessionId: sessionId ?? "", command });
    applyClocks(clocks);
  });
}
