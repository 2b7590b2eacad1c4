// Redaction against a real Prisma validation error from a real database call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactError, redactText } from "@/lib/log/logger";
import { DB_TARGETS } from "../../helpers/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

describe("the redacting logger", () => {
  let db: Awaited<ReturnType<(typeof DB_TARGETS)[0]["open"]>>;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await DB_TARGETS[0].open();
    prisma = db.prisma;
  }, 120_000);
  afterAll(async () => db?.close());

  it("drops the arguments a Prisma validation error quotes", async () => {
    const error = await prisma.participant
      // @ts-expect-error: a wrong field, as a bug would send it
      .findFirst({ where: { displayName: "Zofia Secret-Surname", tokenHash: "a3f9c0ffee", nickname: "x" } })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain("Zofia Secret-Surname");
    const line = redactError(error);
    expect(line).toContain("PrismaClientValidationError");
    expect(line).not.toContain("Zofia");
    expect(line).not.toContain("a3f9c0ffee");
    expect(line).toContain("nickname");
  });

  it("drops a duplicate key's value from PostgreSQL's detail", async () => {
    await prisma.user.create({ data: { email: "dup.person@example.com", role: "MANAGER" } });
    const error = await prisma.user.create({ data: { email: "dup.person@example.com", role: "MANAGER" } }).catch((e: unknown) => e);
    expect(redactError(error)).not.toContain("dup.person");
    expect(redactText(`Key (email)=(dup.person@example.com) already exists.`)).toBe("Key (email)=(…) already exists.");
  });
});
