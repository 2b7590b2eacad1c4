"use client";
// Opens the page's realtime connection and feeds the stores. The handshake runs on
// every (re)connect: a participant resumes with its stored token, a console re-watches.
import { useEffect } from "react";
import { forgetParticipantToken, loadParticipantToken, RealtimeClient } from "@/lib/realtime/client";
import {
  applyConsoleUpdate,
  applyConsoleTallies,
  applyConsoleView,
  applyParticipantView,
  applyTeamState,
  attachConsoleClient,
  attachParticipantClient,
  setConsoleConnection,
  setConsoleProblem,
  setParticipantClock,
  setParticipantConnection,
  setParticipantProblem,
} from "./stores";
import { attachClocks, loadParticipantClocks, watchClocks } from "./clock-store";

/** Codes after which retrying cannot help: this browser has no place in the session. */
const GONE = new Set(["PARTICIPANT_UNKNOWN"]);

export function useParticipantConnection(sessionId: string) {
  useEffect(() => {
    const token = loadParticipantToken(sessionId);
    if (!token) {
      setParticipantProblem({ code: "NOT_JOINED", message: "You have not joined this session on this device yet." });
      return;
    }
    const client = new RealtimeClient({
      handshake: async (c) => {
        const { view } = await c.call("participant:resume", { token });
        applyParticipantView(view);
        void loadParticipantClocks(c).catch(() => undefined);
      },
      onHandshakeError: (e) => {
        if (GONE.has(e.code)) forgetParticipantToken(sessionId);
        setParticipantProblem({ code: e.code, message: e.message });
      },
      onStateChange: setParticipantConnection,
    });
    client.socket.on("server:hello", ({ serverTime }) => setParticipantClock(serverTime));
    client.socket.on("participant:state", (view) => {
      if (view.session.id === sessionId) applyParticipantView(view);
    });
    client.socket.on("team:state", applyTeamState);
    client.socket.on("participant:erased", (e) => {
      if (e.sessionId !== sessionId) return;
      forgetParticipantToken(sessionId);
      setParticipantProblem({ code: "PARTICIPANT_ERASED", message: "An administrator erased your data from this session. Nothing more from this device is recorded." });
    });
    attachParticipantClient(client);
    attachClocks(client, sessionId);
    return () => {
      client.close();
      attachParticipantClient(null);
      attachClocks(null, null);
    };
  }, [sessionId]);
}

export function useConsoleConnection(sessionId: string) {
  useEffect(() => {
    const client = new RealtimeClient({
      handshake: async (c) => {
        const { view, rosterVersion, tallySeq } = await c.call("console:watch", { sessionId });
        applyConsoleView(view, rosterVersion ?? null, tallySeq ?? 0);
        void watchClocks(c, sessionId).catch(() => undefined);
      },
      onHandshakeError: (e) => setConsoleProblem({ code: e.code, message: e.message }),
      onStateChange: setConsoleConnection,
    });
    let resyncing = false;
    client.socket.on("console:state", (update) => {
      if (update.session.id !== sessionId || resyncing) return;
      if (applyConsoleUpdate(update) === "applied") return;
      // The roster changes were made against another roster than ours: fetch the whole view.
      resyncing = true;
      client
        .call("console:watch", { sessionId })
        .then(({ view, rosterVersion, tallySeq }) => applyConsoleView(view, rosterVersion ?? null, tallySeq ?? 0))
        .catch((e: unknown) => setConsoleProblem({ code: (e as { code?: string }).code ?? "INTERNAL", message: (e as Error).message }))
        .finally(() => (resyncing = false));
    });
    client.socket.on("console:tally", applyConsoleTallies);
    attachConsoleClient(client);
    attachClocks(client, sessionId);
    return () => {
      client.close();
      attachConsoleClient(null);
      attachClocks(null, null);
    };
  }, [sessionId]);
}
