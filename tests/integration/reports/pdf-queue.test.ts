// The PDF render queue's bound over HTTP: with room for one render, a burst of exports gets
// the PDF for the first and a clear 503 with Retry-After for the rest, and a later request
// renders again once the queue has drained.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../helpers/app";
import { loginFacilitator } from "../../helpers/live";
import { BEST, WORST, openWorld } from "./aar-world";

describe("the bounded PDF render queue", () => {
  let app: RunningApp;
  let world: Awaited<ReturnType<typeof openWorld>>;
  let manager: string;
  let sessionId: string;

  beforeAll(async () => {
    app = await startApp({ env: { READYROOM_PDF_QUEUE_LIMIT: "1" } });
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    world = await openWorld(app);
    const fac = await world.user("facilitator@readyroom.local");
    ({ sessionId } = await world.play({ facilitator: fac, slug: "ransomware-survey-platform", title: "Queue drill", teams: [{ name: "Red", choose: WORST, voters: 3 }, { name: "Blue", choose: BEST, voters: 3 }] }));
  }, 240_000);
  afterAll(async () => {
    await world?.close();
    await app?.stop();
  });

  it("answers 503 with Retry-After and a readable message when the queue is full", async () => {
    const url = `${app.url}/api/sessions/${sessionId}/aar/pdf`;
    const replies = await Promise.all(Array.from({ length: 4 }, () => fetch(url, { headers: { cookie: manager } }).then(async (r) => ({ status: r.status, retry: r.headers.get("retry-after"), type: r.headers.get("content-type") ?? "", body: Buffer.from(await r.arrayBuffer()) }))));
    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status === 503);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(ok.length + busy.length).toBe(4);
    expect(ok[0].body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    for (const r of busy) {
      expect(Number(r.retry)).toBeGreaterThanOrEqual(1);
      const error = JSON.parse(r.body.toString("utf8")).error;
      expect(error.code).toBe("PDF_BUSY");
      expect(error.message).toBe(`The PDF renderer is busy with other reports; try again in ${r.retry} s.`);
    }
    // Drained: the next export renders.
    const again = await fetch(url, { headers: { cookie: manager } });
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  }, 180_000);
});
