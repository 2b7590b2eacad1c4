// The shapes of the automation API's main answers, for the OpenAPI document. Created
// sessions and results are zod schemas (an integration test parses real answers with
// them); the console view and the after-action report are typed field lists, which the
// compiler checks against the types the routes return.
import { z } from "zod";
import { shape, VIEW_SHAPES } from "@/lib/realtime/contract";
import type { AarReport } from "@/lib/reports/aar";

/** `POST /api/sessions` → 201. */
export const ZCreatedSession = z.strictObject({
  id: z.string(),
  joinCode: z.string().regex(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/).describe("what participants type on /join"),
  joinUrl: z.string().describe("READYROOM_PUBLIC_URL + /join?code=…, for a QR code"),
});

const ZWho = z.string().nullable().describe("the display name; null when the viewer may not see names");

/** `GET /api/sessions/:id/results`: per team, the path, decisions, votes, answers and scores. Readiness is in the AAR, not here. */
export const ZSessionResults = z.strictObject({
  session: z.strictObject({ id: z.string(), title: z.string(), status: z.string(), anonymous: z.boolean(), startedAt: z.string().nullable(), endedAt: z.string().nullable() }),
  scenario: z.strictObject({ id: z.string(), slug: z.string(), title: z.string(), contentHash: z.string() }),
  teams: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      path: z.array(z.string()).describe("the node ids the team entered, in order"),
      currentNode: z.string().nullable(),
      outcome: z.string().nullable(),
      scores: z.record(z.string(), z.number()),
      decisions: z.array(
        z.strictObject({
          nodeId: z.string(),
          visit: z.number(),
          optionId: z.string(),
          method: z.string(),
          tally: z.unknown().describe("the Tally at the lock (docs/protocol.md, Views)"),
          points: z.record(z.string(), z.number()).describe("points earned per scoring category"),
          bestPoints: z.record(z.string(), z.number()).describe("the best points available per category"),
          reason: z.string().nullable(),
          enteredAt: z.string(),
          decidedAt: z.string(),
        }),
      ),
      votes: z.array(z.strictObject({ participant: ZWho.optional(), nodeId: z.string(), visit: z.number(), optionId: z.string(), at: z.string() })),
      answers: z.array(z.strictObject({ participant: ZWho.optional(), nodeId: z.string(), visit: z.number(), questionId: z.string(), text: z.string().nullable(), value: z.number().nullable(), at: z.string() })),
    }),
  ),
});

/** `GET /api/sessions/:id/aar`: the after-action report (docs/aar.md). */
export const AAR_SHAPE = shape<AarReport>()("overview", "summary", "capabilities", "teams", "notes", "plan", "privacy", "thresholds", "clocks", "rights", "pooled");
/** `GET /api/sessions/:id`: the console view, as the viewer may see it (docs/protocol.md, Views). */
export const CONSOLE_VIEW_SHAPE = VIEW_SHAPES.ConsoleView;
