// The organisation-teams migration on a database that already holds name-matched teams: every
// team keeps its row and id, so the sessions, improvement items and history linked to it stay
// linked, and the new columns start as "active, creator unknown".
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { ROOT, tempDataDir } from "../../helpers/app";

const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const NEW = "20261203100000_org_teams";

describe("migration to explicit organisation teams", () => {
  let db: EmbeddedDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await startEmbeddedDatabase(tempDataDir("rr-teams-migration-"));
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    await db?.stop();
  });

  it("keeps every team, its id and everything linked to it", async () => {
    const earlier = fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d) && d < NEW).sort();
    for (const dir of earlier) await client.query(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));

    await client.query(`
      insert into users (id, email, role, updated_at) values ('u1', 'alice@example.com', 'FACILITATOR', now());
      insert into scenarios (id, slug, title, locale, content_hash, document) values ('sc1', 's', 'S', 'en', 'h', '{}');
      insert into teams (id, name) values ('t-blue', 'Blue Team'), ('t-legal', 'Legal');
      insert into exercise_sessions (id, title, scenario_id, facilitator_id, join_code, status) values ('s1', 'Spring', 'sc1', 'u1', 'ABCDEFGH', 'ENDED');
      insert into session_teams (id, session_id, team_id, name) values ('st1', 's1', 't-blue', 'Blue Team'), ('st2', 's1', 't-legal', 'Legal');
      insert into improvement_items (id, origin_session_id, team_id, capability_id, action, owner, updated_at) values ('i1', 's1', 't-blue', 'RS', 'Rehearse', 'Alice', now());
    `);

    await client.query(fs.readFileSync(path.join(MIGRATIONS, NEW, "migration.sql"), "utf8"));

    const teams = await client.query("select id, name, archived_at, created_by_id, updated_at is not null as has_updated from teams order by id");
    expect(teams.rows).toEqual([
      { id: "t-blue", name: "Blue Team", archived_at: null, created_by_id: null, has_updated: true },
      { id: "t-legal", name: "Legal", archived_at: null, created_by_id: null, has_updated: true },
    ]);
    expect((await client.query("select id, team_id from session_teams order by id")).rows).toEqual([
      { id: "st1", team_id: "t-blue" },
      { id: "st2", team_id: "t-legal" },
    ]);
    expect((await client.query("select team_id, owner from improvement_items")).rows).toEqual([{ team_id: "t-blue", owner: "Alice" }]);
    // Deleting the user who made a team keeps the team.
    await client.query("update teams set created_by_id = 'u1' where id = 't-legal'");
    await client.query("delete from improvement_items; delete from exercise_sessions where id = 's1'");
    await client.query("delete from users where id = 'u1'");
    expect((await client.query("select created_by_id from teams where id = 't-legal'")).rows).toEqual([{ created_by_id: null }]);
  }, 60_000);
});
