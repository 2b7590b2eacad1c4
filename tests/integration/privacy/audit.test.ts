// The audit log: append-only at the database (through Prisma and through raw SQL, on each
// database target) and in the code (no statement anywhere updates or deletes it); admins
// filter and page through it over HTTP, reading it is itself recorded, and the CSV export
// is audited and safe to open in a spreadsheet.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { ROOT, sharedApp, type AppHandle } from "../../helpers/app";
import { uniqueEmail } from "../../helpers/unique";
import { api, loginFacilitator } from "../../helpers/live";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";

describe.each(DB_TARGETS)("audit_log is append-only on $name", (target) => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ prisma, close } = await target.open());
  });
  afterAll(async () => close?.());

  it("refuses every Prisma and SQL path that would change or remove a row, and keeps the row intact", async () => {
    await audit(prisma, { system: "test" }, "view", "session", "s1", { n: 1 });
    const row = await prisma.auditLog.findFirstOrThrow({ where: { resourceId: "s1" } });
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ["update", () => prisma.auditLog.update({ where: { id: row.id }, data: { actorLabel: "someone else" } })],
      ["updateMany", () => prisma.auditLog.updateMany({ data: { action: "nothing" } })],
      ["upsert", () => prisma.auditLog.upsert({ where: { id: row.id }, create: { actorLabel: "x", action: "x", resourceType: "x" }, update: { action: "x" } })],
      ["delete", () => prisma.auditLog.delete({ where: { id: row.id } })],
      ["deleteMany", () => prisma.auditLog.deleteMany({})],
      ["$executeRaw update", () => prisma.$executeRaw`update audit_log set actor_label = 'x' where id = ${row.id}`],
      ["$executeRaw delete", () => prisma.$executeRaw`delete from audit_log where id = ${row.id}`],
      ["$executeRawUnsafe truncate", () => prisma.$executeRawUnsafe("truncate audit_log")],
      ["$queryRaw delete returning", () => prisma.$queryRaw`delete from audit_log returning id`],
      ["in a transaction", () => prisma.$transaction(async (tx) => tx.auditLog.deleteMany({ where: { id: row.id } }))],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toThrow(/append-only/);
    }
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    // Inserting still works.
    await audit(prisma, { system: "test" }, "view", "session", "s2");
    expect(await prisma.auditLog.count()).toBe(2);
  });
});

describe("no code path writes to audit rows", () => {
  it("has no update, upsert or delete of auditLog or audit_log in the app, the library, the scripts or the server", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (name === "generated" || name === "node_modules") continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(tsx?|mjs|sql)$/.test(name)) files.push(p);
      }
    };
    for (const dir of ["app", "components", "lib", "scripts"]) walk(join(ROOT, dir));
    files.push(join(ROOT, "server.ts"));
    const writes = /auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b|(update|delete\s+from|truncate)\s+"?audit_log"?/i;
    const found = files.flatMap((f) => readFileSync(f, "utf8").split("\n").map((line, i) => [f, i, line] as const)).filter(([, , line]) => writes.test(line));
    expect(found.map(([f, i, line]) => `${relative(ROOT, f)}:${i + 1}: ${line.trim()}`)).toEqual([]);
  });
});

describe("audit log over HTTP", () => {
  // On the project's shared server: every check reads only the rows of this file's own
  // accounts (the actor filter). The one organisation-wide change, the organisation's name,
  // is put back afterwards; no other file on the shared server reads it.
  const ADMIN = uniqueEmail("auditor");
  const ODD = uniqueEmail("-2+3");
  const PASSWORD = "a long enough password";
  let app: AppHandle;
  let admin: string;
  let manager: string;
  let organisationName: string;
  beforeAll(async () => {
    app = await sharedApp();
    const demoAdmin = await loginFacilitator(app, "admin@readyroom.local", app.demoPassword("ADMIN"));
    expect((await api(app, demoAdmin, "POST", "/api/users", { email: ADMIN, role: "ADMIN", password: PASSWORD })).status).toBe(201);
    admin = await loginFacilitator(app, ADMIN, PASSWORD);
    manager = await loginFacilitator(app, "manager@readyroom.local", app.demoPassword("MANAGER"));
    organisationName = (await api(app, admin, "GET", "/api/settings")).body.settings.organisationName;
  });
  afterAll(async () => {
    if (admin) await api(app, admin, "PUT", "/api/settings", { organisationName });
    await app?.stop();
  });

  const get = (cookie: string, path: string) => fetch(`${app.url}${path}`, { headers: { cookie } });
  const mine = `actor=${encodeURIComponent(ADMIN)}`;
  const label = `${ADMIN} (ADMIN)`;

  it("filters by actor, action, resource and date, pages newest first, and records each reading", async () => {
    // 60 audited reads of the user list by this file's admin, and one settings change.
    for (let i = 0; i < 60; i++) expect((await get(admin, `/api/users?q=page${i}`)).status).toBe(200);
    expect((await api(app, admin, "PUT", "/api/settings", { organisationName: "Acme" })).status).toBe(200);

    const first = await api(app, admin, "GET", `/api/audit?action=view&resourceType=user&${mine}`);
    expect(first.status).toBe(200);
    expect(first.body.rows).toHaveLength(50);
    expect(first.body.nextBefore).toBe(first.body.rows[49].id);
    const ids = first.body.rows.map((r: { id: string }) => Number(r.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(first.body.rows[0]).toMatchObject({ actorLabel: label, action: "view", resourceType: "user", detail: { searched: true, count: expect.any(Number) } });

    const second = await api(app, admin, "GET", `/api/audit?action=view&resourceType=user&${mine}&before=${first.body.nextBefore}`);
    // The account's creation and its login add no user views: exactly the 10 older reads remain.
    // The search text is not kept (it may be a person's name): only that there was one.
    expect(second.body.rows.map((r: { detail: { searched: boolean } }) => r.detail.searched)).toEqual(Array.from({ length: 10 }, () => true));
    expect(second.body.nextBefore).toBeNull();

    // The actor filter ignores case.
    const settings = await api(app, admin, "GET", `/api/audit?resourceType=settings&actor=${encodeURIComponent(ADMIN.toUpperCase())}`);
    expect(settings.body.rows).toEqual([expect.objectContaining({ action: "modify", resourceId: "privacy", detail: { fields: ["organisationName"] } })]);
    expect((await api(app, admin, "GET", "/api/audit?resourceType=settings&actor=manager")).body.rows).toEqual([]);
    expect((await api(app, admin, "GET", `/api/audit?resourceId=privacy&${mine}`)).body.rows).toHaveLength(1);

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await api(app, admin, "GET", `/api/audit?resourceType=settings&${mine}&from=${today}&to=${today}`)).body.rows).toHaveLength(1);
    expect((await api(app, admin, "GET", `/api/audit?resourceType=settings&${mine}&from=${tomorrow}`)).body.rows).toHaveLength(0);
    expect((await api(app, admin, "GET", `/api/audit?resourceType=settings&${mine}&to=${yesterday}`)).body.rows).toHaveLength(0);

    // Bad filters name the field; unknown ones are refused.
    expect(await api(app, admin, "GET", "/api/audit?from=yesterday")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT", message: expect.stringContaining("from") } } });
    expect(await api(app, admin, "GET", "/api/audit?before=1;drop")).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    expect((await api(app, admin, "GET", "/api/audit?shoeSize=9")).status).toBe(400);

    // Every reading above was recorded, with its filter, and so is opening the page.
    const reads = await api(app, admin, "GET", `/api/audit?resourceType=audit&action=view&${mine}`);
    // Eight successful reads above; refused (400) ones read nothing and are not recorded.
    expect(reads.body.rows.length).toBe(8);
    expect(reads.body.rows.some((r: { detail: { filterFields: string[] } }) => JSON.stringify(r.detail.filterFields) === JSON.stringify(["actor", "resourceId"]))).toBe(true);
    const before = reads.body.rows.length;
    const html = await (await get(admin, `/admin/audit?resourceType=settings&${mine}`)).text();
    expect(html).toContain('data-testid="audit-table"');
    expect(html).toContain(label);
    const after = await api(app, admin, "GET", `/api/audit?resourceType=audit&action=view&${mine}`);
    // The previous API read and the page view (newest first).
    expect(after.body.rows.length).toBe(before + 2);
    expect(after.body.rows[0]).toMatchObject({ detail: { via: "web", filterFields: ["actor", "resourceType"] } });

    expect((await get(manager, "/api/audit")).status).toBe(403);
    expect(await (await get(manager, "/admin/audit")).text()).toContain('data-testid="forbidden"');
  });

  it("exports CSV with formula-looking fields neutralised, and records the export", async () => {
    // An account whose e-mail starts like a formula: its own audited actions carry that label.
    const created = await api(app, admin, "POST", "/api/users", { email: ODD, role: "FACILITATOR", password: PASSWORD });
    expect(created.status).toBe(201);
    const odd = await loginFacilitator(app, ODD, PASSWORD);
    expect((await api(app, odd, "POST", "/api/tokens", { name: "=cmd|' /C calc'!A0" })).status).toBe(201);
    expect((await api(app, admin, "PUT", "/api/settings", { organisationName: '=HYPERLINK("http://evil.example","click")' })).status).toBe(200);

    const res = await get(admin, `/api/audit/export?resourceType=user&${mine}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="readyroom-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe('"id","at","actor_id","actor","action","resource_type","resource_id","detail"');
    // The created account's e-mail is not in the row: its id points to the record.
    expect(csv).not.toContain(`${ODD}""`);
    const createdRow = csv.split("\r\n").find((line) => line.includes('"create","user"'));
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(createdRow).toMatch(new RegExp(`^"\\d+","[^"]+","[^"]+","${escaped}","create","user","[^"]+",""$`));

    const tokens = await (await get(admin, `/api/audit/export?resourceType=api-token&actor=${encodeURIComponent(ODD)}`)).text();
    const rows = tokens.split("\r\n").slice(1).filter(Boolean);
    expect(rows).toHaveLength(1);
    // The label starts with "-": prefixed with an apostrophe so a spreadsheet shows it as text.
    expect(rows[0]).toContain(`"'${ODD} (FACILITATOR)","create","api-token"`);
    expect(rows[0]).not.toMatch(/(^|,)"[=+\-@]/);

    const settingsCsv = await (await get(admin, `/api/audit/export?resourceType=settings&${mine}`)).text();
    // The new value is not in the audit row, only the field's name.
    expect(settingsCsv).not.toContain("HYPERLINK");
    expect(settingsCsv).toContain('""fields"":[""organisationName""]');
    expect(settingsCsv.split("\r\n").slice(1).filter(Boolean).every((line) => !/(^|,)"[=+\-@]/.test(line))).toBe(true);

    const exports = await api(app, admin, "GET", `/api/audit?resourceType=audit&action=export&${mine}`);
    expect(exports.body.rows.length).toBe(3);
    expect(exports.body.rows[2]).toMatchObject({ actorLabel: label, detail: { format: "csv", filterFields: ["actor", "resourceType"] } });
  });
});
