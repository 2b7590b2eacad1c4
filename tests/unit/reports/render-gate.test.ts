// The PDF queue's bound: how many renders it admits, when it refuses, the Retry-After it
// estimates from the renders it saw, and the limit read from the environment.
import { describe, expect, it } from "vitest";
import { DEFAULT_PDF_QUEUE_LIMIT, PdfBusyError, RenderGate, pdfQueueLimit } from "@/lib/reports/pdf/render-gate";

describe("the PDF render gate", () => {
  it("admits up to the limit, refuses the next at once, and admits again after a release", () => {
    const gate = new RenderGate(2, () => 0);
    const a = gate.enter();
    const b = gate.enter();
    expect(a.ok && b.ok).toBe(true);
    const c = gate.enter();
    expect(c).toEqual({ ok: false, retryAfterSeconds: 3, waiting: 2 });
    if (a.ok) a.ticket.release();
    expect(gate.enter().ok).toBe(true);
  });

  it("estimates the wait from measured renders, one after another", () => {
    let now = 0;
    const gate = new RenderGate(3, () => now);
    const first = gate.enter();
    const second = gate.enter();
    now = 2_000;
    if (first.ok) first.ticket.release(); // 2 s for the first in line
    now = 4_000;
    if (second.ok) second.ticket.release(); // 4 s for the second: 2 s each
    for (let i = 0; i < 3; i++) expect(gate.enter().ok).toBe(true);
    const refused = gate.enter();
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBe(2);
  });

  it("frees the place once however often a ticket is released", () => {
    const gate = new RenderGate(1, () => 0);
    const a = gate.enter();
    if (a.ok) {
      a.ticket.release();
      a.ticket.release();
    }
    expect(gate.enter().ok).toBe(true);
    expect(gate.enter().ok).toBe(false);
  });

  it("reads READYROOM_PDF_QUEUE_LIMIT and names it when it is wrong", () => {
    expect(pdfQueueLimit({} as NodeJS.ProcessEnv)).toBe(DEFAULT_PDF_QUEUE_LIMIT);
    expect(pdfQueueLimit({ READYROOM_PDF_QUEUE_LIMIT: "7" } as unknown as NodeJS.ProcessEnv)).toBe(7);
    expect(() => pdfQueueLimit({ READYROOM_PDF_QUEUE_LIMIT: "0" } as unknown as NodeJS.ProcessEnv)).toThrow(/READYROOM_PDF_QUEUE_LIMIT must be a whole number from 1 to 1000, not "0"/);
    expect(() => pdfQueueLimit({ READYROOM_PDF_QUEUE_LIMIT: "many" } as unknown as NodeJS.ProcessEnv)).toThrow(/READYROOM_PDF_QUEUE_LIMIT/);
  });

  it("says when to try again", () => {
    const e = new PdfBusyError(12);
    expect(e.message).toBe("the PDF renderer is busy; try again in 12 s");
    expect(PdfBusyError.is(e)).toBe(true);
    expect(PdfBusyError.is(new Error("x"))).toBe(false);
  });
});
