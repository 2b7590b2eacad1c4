// Data keys: one per session (it keys the display-name index) and one per participant
// (it encrypts their name and answers), kept in `data_keys`, each wrapped by the KEK.
// Unwrapped keys are cached in memory, so the hot paths (joins, views) do no extra query
// for a key they have seen. Deleting a participant or a session row deletes its keys too
// (foreign keys with ON DELETE CASCADE), so no path can leave a key behind.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AAD, KEY_BYTES, newKey, open, seal } from "@/lib/privacy/crypto/cipher";
import { KekConfigError, type Kek, type KekSource } from "@/lib/privacy/crypto/kek";

type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw"> | Prisma.TransactionClient;
type KeyRow = { owner: string; kek_id: string; wrapped: Uint8Array };

/** Unwrapped keys of this many participants stay cached; the oldest go first. */
const PARTICIPANT_CACHE = 50_000;
const SESSION_CACHE = 2_000;

class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/** Names never change once a participant joined: each is decrypted once per process. */
export const plainNames = new BoundedMap<string, string>(PARTICIPANT_CACHE);

export type WrappedKey = { kekId: string; wrapped: Buffer };

export class Keyring {
  private readonly sessions = new BoundedMap<string, Buffer>(SESSION_CACHE);
  private readonly participants = new BoundedMap<string, Buffer>(PARTICIPANT_CACHE);

  constructor(
    private readonly prisma: PrismaClient,
    readonly kek: KekSource,
  ) {}

  wrap(scope: "session" | "participant", ownerId: string, key: Buffer): WrappedKey {
    const kek = this.kek.current();
    return { kekId: kek.id, wrapped: seal(kek.key, AAD.dataKey(scope, ownerId), key) };
  }

  private unwrap(scope: "session" | "participant", row: KeyRow): Buffer {
    const kek: Kek | undefined = this.kek.find(row.kek_id);
    if (!kek) throw new KekConfigError(`a data key is wrapped by KEK "${row.kek_id}", which this node does not have; deploy it as READYROOM_KEK or READYROOM_KEK_PREVIOUS (docs/privacy.md)`);
    const key = open(kek.key, AAD.dataKey(scope, row.owner), Buffer.from(row.wrapped));
    if (key.length !== KEY_BYTES) throw new KekConfigError("a data key has the wrong length");
    return key;
  }

  /** The session's key, created on first use (concurrent first uses agree on one). */
  async sessionKey(sessionId: string, db: Db = this.prisma): Promise<Buffer> {
    const cached = this.sessions.get(sessionId);
    if (cached) return cached;
    const fresh = newKey();
    const { kekId, wrapped } = this.wrap("session", sessionId, fresh);
    await db.$executeRaw`
      insert into data_keys (session_id, participant_id, kek_id, wrapped) values (${sessionId}, null, ${kekId}, ${wrapped})
      on conflict (session_id) where participant_id is null do nothing`;
    const [row] = await db.$queryRaw<KeyRow[]>`
      select session_id as owner, kek_id, wrapped from data_keys where session_id = ${sessionId} and participant_id is null`;
    if (!row) throw new Error(`session ${sessionId} has no key and none could be created (does the session exist?)`);
    const key = this.unwrap("session", row);
    this.sessions.set(sessionId, key);
    return key;
  }

  /** A new participant key and its wrapped form, for the statement that inserts the participant. */
  newParticipantKey(participantId: string): { key: Buffer } & WrappedKey {
    const key = newKey();
    return { key, ...this.wrap("participant", participantId, key) };
  }

  /** Call once the participant row and its key are committed. */
  remember(participantId: string, key: Buffer): void {
    this.participants.set(participantId, key);
  }

  /** Keys of these participants; absent ones (erased, or never had one) are missing from the map. */
  async participantKeys(ids: readonly string[], db: Db = this.prisma): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const k = this.participants.get(id);
      if (k) out.set(id, k);
      else missing.push(id);
    }
    if (missing.length) {
      const rows = await db.$queryRaw<KeyRow[]>`
        select participant_id as owner, kek_id, wrapped from data_keys where participant_id = any(${missing}::text[])`;
      for (const row of rows) {
        const key = this.unwrap("participant", row);
        this.participants.set(row.owner, key);
        out.set(row.owner, key);
      }
    }
    return out;
  }

  async participantKey(id: string, db: Db = this.prisma): Promise<Buffer | undefined> {
    return (await this.participantKeys([id], db)).get(id);
  }

  /** A key for a participant row that has none yet (rows written before encryption). */
  async ensureParticipantKey(db: Db, sessionId: string, participantId: string): Promise<Buffer> {
    const existing = await this.participantKey(participantId, db);
    if (existing) return existing;
    const { key, kekId, wrapped } = this.newParticipantKey(participantId);
    await db.$executeRaw`insert into data_keys (session_id, participant_id, kek_id, wrapped) values (${sessionId}, ${participantId}, ${kekId}, ${wrapped})`;
    this.remember(participantId, key);
    return key;
  }

  /** Deletes the keys of these participants (in the caller's transaction) and drops them from memory. */
  async deleteParticipantKeys(db: Db, participantIds: readonly string[]): Promise<number> {
    for (const id of participantIds) {
      this.participants.delete(id);
      plainNames.delete(id);
    }
    if (!participantIds.length) return 0;
    return db.$executeRaw`delete from data_keys where participant_id = any(${[...participantIds]}::text[])`;
  }

  /** Deletes every key of a session: its own and its participants'. */
  async deleteSessionKeys(db: Db, sessionId: string): Promise<number> {
    const rows = await db.$queryRaw<Array<{ participant_id: string | null }>>`delete from data_keys where session_id = ${sessionId} returning participant_id`;
    this.sessions.delete(sessionId);
    for (const r of rows) {
      if (!r.participant_id) continue;
      this.participants.delete(r.participant_id);
      plainNames.delete(r.participant_id);
    }
    return rows.length;
  }

  /** Forgets cached keys (another node erased them, or a test wants cold reads). */
  forgetAll(): void {
    this.sessions.clear();
    this.participants.clear();
    plainNames.clear();
  }

  /**
   * Re-wraps every data key not under the current KEK. Runs in batches; each row is
   * updated only if it still has the KEK it was read with, so concurrent runs agree.
   */
  async rewrapRetired(): Promise<number> {
    const current = this.kek.current();
    let done = 0;
    for (;;) {
      const rows = await this.prisma.$queryRaw<Array<KeyRow & { id: string; participant_id: string | null }>>`
        select id, coalesce(participant_id, session_id) as owner, participant_id, kek_id, wrapped from data_keys
        where kek_id <> ${current.id} order by id limit 500`;
      if (!rows.length) return done;
      const ids: string[] = [];
      const from: string[] = [];
      const wrapped: Buffer[] = [];
      for (const row of rows) {
        const scope = row.participant_id ? "participant" : "session";
        const key = this.unwrap(scope, row);
        ids.push(row.id);
        from.push(row.kek_id);
        wrapped.push(seal(current.key, AAD.dataKey(scope, row.owner), key));
      }
      await this.prisma.$executeRaw`
        update data_keys d set kek_id = ${current.id}, wrapped = u.wrapped
        from unnest(${ids}::text[], ${from}::text[], ${wrapped}::bytea[]) as u(id, from_kek, wrapped)
        where d.id = u.id and d.kek_id = u.from_kek`;
      done += rows.length;
    }
  }

  /**
   * Replaces the KEK: a new one becomes current, every data key is re-wrapped under it,
   * then the old one is destroyed. A second pass catches keys another process wrapped
   * under the old KEK while the first ran. Returns false when the KEK is the operator's.
   */
  async rotateKek(): Promise<{ rotated: boolean; kekId: string; rewrapped: number }> {
    if (!this.kek.canRotate) return { rotated: false, kekId: this.kek.current().id, rewrapped: await this.rewrapRetired() };
    const next = this.kek.beginRotation();
    let rewrapped = await this.rewrapRetired();
    await new Promise((r) => setTimeout(r, 50));
    rewrapped += await this.rewrapRetired();
    this.kek.finishRotation();
    return { rotated: true, kekId: next.id, rewrapped };
  }
}

const HOLDER = Symbol.for("readyroom.keyrings");
type Holder = { [HOLDER]?: WeakMap<PrismaClient, Keyring> };
function rings(): WeakMap<PrismaClient, Keyring> {
  const g = globalThis as unknown as Holder;
  return (g[HOLDER] ??= new WeakMap());
}

/** Binds a KEK source to a client: every key read or written through the client uses it. */
export function attachKeyring(prisma: PrismaClient, kek: KekSource): Keyring {
  const ring = new Keyring(prisma, kek);
  rings().set(prisma, ring);
  return ring;
}

/**
 * The keyring of a client. The server, the admin CLI and the test harness attach one when
 * they open the database; a client without one has no way to read personal fields.
 */
export function keyringOf(prisma: PrismaClient): Keyring {
  const ring = rings().get(prisma);
  if (!ring) throw new KekConfigError("no key-encryption key is configured for this database client (attachKeyring)");
  return ring;
}
