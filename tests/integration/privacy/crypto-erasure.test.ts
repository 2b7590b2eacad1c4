// Cryptographic erasure. Names and answers are stored encrypted under per-participant data
// keys; erasing a person deletes their key, rotates the KEK and vacuums. On the embedded
// database the test then scans every file of the data directory (table files and the
// write-ahead log) for the person's name and answer, and opens a copy of the data directory
// taken before the erasure (as a backup would be) with the current KEK. The disk scan and
// the copy are embedded-only: a real server's files are not ours to read. On every target,
// the erased key taken before the erasure cannot be unwrapped by the KEK after rotation.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS } from "../../helpers/db";
import { tempDataDir } from "../../helpers/app";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDatabaseClient } from "@/lib/db/connect";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { eraseParticipant } from "@/lib/privacy/erasure";
import { attachKeyring, keyringOf } from "@/lib/privacy/crypto/keyring";
import { EnvKekSource, FileKekSource, KEK_FILE } from "@/lib/privacy/crypto/kek";
import { AAD, open } from "@/lib/privacy/crypto/cipher";
import { readAnswers, readDisplayNames } from "@/lib/privacy/crypto/personal-fields";
import { encryptPlaintextRows } from "@/lib/privacy/crypto/backfill";
import { setupPrivacyWorld, type PrivacyWorld } from "./seed";

/** Every file under `dir` that contains `needle` (as UTF-8). */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const bytes = Buffer.from(needle, "utf8");
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && fs.readFileSync(p).includes(bytes)) hits.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return hits;
}

async function playNamed(world: PrivacyWorld, title: string, people: Array<{ name: string; answer: string }>) {
  const { service, facilitator, scenarioId } = world;
  const s = await service.createSession(facilitator, { scenarioId, title, teams: ["Blue"], anonymous: false });
  const joined = [];
  for (const p of people) {
    const j = await service.joinSession({ code: s.joinCode, displayName: p.name, roleId: "legal" });
    joined.push(await service.participantByToken(j.token));
  }
  await service.command(facilitator, s.id, { type: "start" }, `start-${s.id}`);
  for (const [i, me] of joined.entries()) await service.submitAnswer(me, { nodeId: "alert", visit: 1, questionId: "q-who", text: people[i].answer }, `a-${me.id}`);
  return { sessionId: s.id, participants: joined };
}

describe.each(DB_TARGETS)("cryptographic erasure on $name", (target) => {
  let prisma: PrismaClient;
  let dataDir: string | null;
  let close: () => Promise<void>;
  let world: PrivacyWorld;
  const cleanup: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    ({ prisma, dataDir, close } = await target.open());
    world = await setupPrivacyWorld(prisma, `crypto-${target.name}`);
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await close?.();
  });

  const tag = crypto.randomBytes(4).toString("hex");
  const erased = { name: `Zebulon Quartermaine ${tag}`, answer: `I forgot to rotate the backup tapes ${tag}` };
  const kept = { name: `Philippa Ostrowska ${tag}`, answer: `Call legal within the hour ${tag}` };

  it("stores names and answers only as ciphertext, and reads them back through the keys", async () => {
    const s = await playNamed(world, `Encrypted drill ${tag}`, [erased, kept]);
    const rows = await prisma.participant.findMany({ where: { sessionId: s.sessionId }, select: { id: true, displayName: true, nameIndex: true } });
    for (const r of rows) {
      expect(r.displayName).toMatch(/^rr1\./);
      expect(r.nameIndex).toHaveLength(32);
    }
    const answers = await prisma.response.findMany({ where: { sessionId: s.sessionId, text: { not: null } }, select: { participantId: true, text: true } });
    expect(answers.every((a) => a.text!.startsWith("rr1."))).toBe(true);
    // A process with cold caches reads them through the data keys.
    keyringOf(prisma).forgetAll();
    expect([...(await readDisplayNames(prisma, rows)).values()].sort()).toEqual([kept.name, erased.name].sort());
    expect((await readAnswers(prisma, answers)).sort()).toEqual([kept.answer, erased.answer].sort());
    // Names stay unique within the session although the stored values differ each time.
    await expect(world.service.joinSession({ code: (await prisma.exerciseSession.findUniqueOrThrow({ where: { id: s.sessionId } })).joinCode, displayName: kept.name })).rejects.toMatchObject({ code: "DUPLICATE_NAME" });
  });

  it("after erasure, the person's name and answer are on no file of the data directory, and a copy taken before cannot be read with the current KEK", async () => {
    const title = `Disk drill ${tag}`;
    const s = await playNamed(world, title, [{ name: `${erased.name} 2`, answer: `${erased.answer} 2` }, { name: `${kept.name} 2`, answer: `${kept.answer} 2` }]);
    const [victim, other] = s.participants;
    const keyRow = await prisma.dataKey.findUniqueOrThrow({ where: { participantId: victim.id } });
    const victimRow = await prisma.participant.findUniqueOrThrow({ where: { id: victim.id } });
    const ring = keyringOf(prisma);
    const kekBefore = ring.kek.current();

    let copy: string | null = null;
    if (dataDir) {
      await prisma.$executeRawUnsafe("CHECKPOINT");
      // The scan sees what is stored in clear: the session title is.
      expect(filesContaining(dataDir, title).length).toBeGreaterThan(0);
      copy = tempDataDir("rr-backup-");
      fs.cpSync(dataDir, copy, { recursive: true, filter: (src) => !src.endsWith(".s.PGSQL.5432") && !src.endsWith("embedded-db.json") });
    }

    const result = await eraseParticipant(prisma, world.admin, victim.id);
    expect(result.dataKeys).toBe(1);
    expect(await prisma.dataKey.count({ where: { participantId: victim.id } })).toBe(0);

    if (target.name === "postgres") {
      // The operator's KEK: deploy a new one with the old as previous, re-wrap, then drop the old.
      expect(result.kekRotationDue).toBe(true);
      const next = crypto.randomBytes(32).toString("base64");
      const old = `${kekBefore.id}:${kekBefore.key.toString("base64")}`;
      attachKeyring(prisma, new EnvKekSource({ READYROOM_KEK: next, READYROOM_KEK_ID: `test-${tag}`, READYROOM_KEK_PREVIOUS: old }));
      expect(await keyringOf(prisma).rewrapRetired()).toBeGreaterThan(0);
      attachKeyring(prisma, new EnvKekSource({ READYROOM_KEK: next, READYROOM_KEK_ID: `test-${tag}` }));
    } else {
      expect(result.kekRotated).toBe(true);
    }
    const current = keyringOf(prisma).kek;
    expect(current.current().id).not.toBe(kekBefore.id);
    expect(current.find(kekBefore.id)).toBeUndefined();
    // The erased key, as a backup or a stale page still holds it, no longer unwraps.
    expect(() => open(current.current().key, AAD.dataKey("participant", victim.id), Buffer.from(keyRow.wrapped))).toThrow();
    // Everyone else is still readable after the rotation, from cold caches.
    keyringOf(prisma).forgetAll();
    const otherRow = await prisma.participant.findUniqueOrThrow({ where: { id: other.id } });
    expect((await readDisplayNames(prisma, [otherRow])).get(other.id)).toBe(`${kept.name} 2`);
    if (target.name === "embedded") expect(fs.statSync(path.join(dataDir!, KEK_FILE)).mode & 0o777).toBe(0o600);

    if (dataDir && copy) {
      await prisma.$executeRawUnsafe("CHECKPOINT");
      for (const plain of [`${erased.name} 2`, `${erased.answer} 2`]) {
        expect(filesContaining(dataDir, plain), plain).toEqual([]);
      }
      // The ciphertext may linger in the WAL until it is recycled: that is what deleting the
      // key and rotating the KEK are for (checked above and on the copy below).
      expect(victimRow.displayName).toMatch(/^rr1\./);
      // The copy from before: its key rows are wrapped under the destroyed KEK.
      const backup = await startEmbeddedDatabase(copy);
      const old = createDatabaseClient(backup.url, { max: 2 });
      cleanup.push(async () => {
        await old.$disconnect();
        await backup.stop();
      });
      attachKeyring(old, FileKekSource.inDataDir(dataDir));
      const stale = await old.participant.findUniqueOrThrow({ where: { id: victim.id }, select: { id: true, displayName: true } });
      await expect(readDisplayNames(old, [stale])).rejects.toThrow(/KEK/);
    }
  });

  it("encrypts rows stored in clear before this version at startup, and they read back the same", async () => {
    const s = await playNamed(world, `Legacy drill ${tag}`, [{ name: `Legacy ${tag}`, answer: `Legacy answer ${tag}` }]);
    const [p] = s.participants;
    // As a row written by an earlier version: plain name, no index, no key, plain answer.
    await prisma.$executeRaw`delete from data_keys where participant_id = ${p.id}`;
    await prisma.$executeRaw`update participants set display_name = ${`Legacy ${tag}`}, name_index = null where id = ${p.id}`;
    await prisma.$executeRaw`update responses set text = ${`Legacy answer ${tag}`} where participant_id = ${p.id} and text is not null`;
    keyringOf(prisma).forgetAll();
    const result = await encryptPlaintextRows(prisma);
    expect(result).toMatchObject({ participants: 1, responses: 1, compacted: true });
    const row = await prisma.participant.findUniqueOrThrow({ where: { id: p.id }, select: { id: true, displayName: true, nameIndex: true } });
    expect(row.displayName).toMatch(/^rr1\./);
    expect(row.nameIndex).not.toBeNull();
    keyringOf(prisma).forgetAll();
    expect((await readDisplayNames(prisma, [row])).get(p.id)).toBe(`Legacy ${tag}`);
    const answers = await prisma.response.findMany({ where: { participantId: p.id, text: { not: null } }, select: { participantId: true, text: true } });
    expect(answers[0].text).toMatch(/^rr1\./);
    expect(await readAnswers(prisma, answers)).toEqual([`Legacy answer ${tag}`]);
    // Nothing left to do the second time.
    expect(await encryptPlaintextRows(prisma)).toMatchObject({ participants: 0, responses: 0, compacted: false });
  });
});
