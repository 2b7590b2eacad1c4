// One error type and one handler: every code has its status, a refusal is recognised whichever
// copy of the module threw it, zod failures name the field, and nothing unknown leaks.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/codes";
import { DomainError } from "@/lib/errors/domain-error";
import { handleError } from "@/lib/errors/handle";
import { Prisma } from "@/lib/generated/prisma/client";

describe("error codes", () => {
  it("give every code an HTTP error status, and no input error a conflict", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(status, code).toBeGreaterThanOrEqual(400);
    const input: ErrorCode[] = ["INVALID_INPUT", "INVALID_JSON", "DISPLAY_NAME_REQUIRED", "UNKNOWN_QUESTION", "UNKNOWN_OPTION", "ROLE_NOT_FOUND", "JOIN_CODE_INVALID"];
    for (const code of input) expect([400, 422], code).toContain(ERROR_STATUS[code]);
    expect(new DomainError("TEAM_ARCHIVED", "archived").status).toBe(409);
    expect(new DomainError("SESSION_NOT_FOUND", "gone").status).toBe(404);
  });
});

describe("DomainError.is", () => {
  it("recognises an error thrown by another copy of the module (Next's bundles and the server's each compile it)", async () => {
    vi.resetModules();
    // A query string makes vite load the module again as a separate copy, as a second bundle would.
    const other = (await import(/* @vite-ignore */ `@/lib/errors/domain-error?copy=${Date.now()}`)) as typeof import("@/lib/errors/domain-error");
    const foreign = new other.DomainError("FORBIDDEN", "no");
    expect(foreign).not.toBeInstanceOf(DomainError);
    expect(DomainError.is(foreign)).toBe(true);
    expect(handleError(foreign, { log: "test" })).toMatchObject({ status: 403, error: { code: "FORBIDDEN", message: "no" } });
  });

  it("does not take an error of the same name or shape for one", () => {
    const lookalike = Object.assign(new Error("x"), { name: "DomainError", code: "FORBIDDEN", status: 403 });
    expect(DomainError.is(lookalike)).toBe(false);
    expect(DomainError.is({ code: "FORBIDDEN" })).toBe(false);
  });
});

describe("handleError", () => {
  it("answers a refusal with its code, status, pointer and a field detail without the repeated prefix", () => {
    const e = new DomainError("INVALID_INPUT", "teams/1: the team is listed twice", "/teams/1");
    expect(handleError(e, { log: "test" })).toEqual({
      status: 400,
      error: { code: "INVALID_INPUT", message: "teams/1: the team is listed twice", path: "/teams/1", details: [{ path: "/teams/1", message: "the team is listed twice" }] },
    });
  });

  it("turns a zod failure into INVALID_INPUT naming the field, as JSON body, socket payload or query", () => {
    const schema = z.strictObject({ teamId: z.string(), nested: z.object({ n: z.number() }).optional() });
    const failure = (input: unknown) => {
      const r = schema.safeParse(input);
      if (r.success) throw new Error("expected a failure");
      return r.error;
    };
    const body = handleError(failure({ teamId: 5 }), { log: "test" });
    expect(body).toMatchObject({ status: 400, error: { code: "INVALID_INPUT", path: "/teamId", details: [{ path: "/teamId" }] } });
    expect(body.error.message).toMatch(/^\/teamId: /);
    expect(handleError(failure({ teamId: "a", nested: { n: "x" } }), { log: "test", kind: "query" }).error.message).toMatch(/^nested\.n: /);
    expect(handleError(failure("not an object"), { log: "test", kind: "payload" }).error.message).toMatch(/^payload: /);
  });

  it("hides anything else behind INTERNAL (logged, never sent), with the caller's message", () => {
    const r = handleError(new TypeError("secret detail from a database driver"), { log: "expected in this test", internalMessage: "try again" });
    expect(r).toEqual({ status: 500, error: { code: "INTERNAL", message: "try again" } });
  });

  it("answers a transaction that timed out or could not start as DATABASE_BUSY (503, retry is safe), not INTERNAL", () => {
    const timedOut = new Prisma.PrismaClientKnownRequestError("Transaction already closed: the timeout for this transaction was 5000 ms", { code: "P2028", clientVersion: "6.19.3" });
    expect(handleError(timedOut, { log: "expected in this test" })).toMatchObject({ status: 503, error: { code: "DATABASE_BUSY" } });
    const other = new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "6.19.3" });
    expect(handleError(other, { log: "expected in this test" })).toMatchObject({ status: 500, error: { code: "INTERNAL" } });
  });
});
