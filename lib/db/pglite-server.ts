// Serves one PGlite database to many Postgres-protocol connections (the app's pool, the
// migration CLI, the admin CLI). PGlite has a single session, so work from different
// connections must never interleave inside one unit of the protocol:
// - messages are grouped per connection up to a Sync (extended protocol), a Query
//   (simple protocol) or the end of COPY, and a group runs as one exclusive block;
//   otherwise one connection's Bind could meet another's Parse and get its rows;
// - while a connection has a transaction open, only its groups run.
// (@electric-sql/pglite-socket queues single messages, which mixes results under load.)
import fs from "node:fs";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { logError } from "@/lib/log/logger";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Message types after which the client waits for the server: a group ends there. */
const GROUP_END = new Set(["S", "Q", "c", "f", "p"]);

type Group = { conn: Connection; messages: Buffer[] };

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;
  closed = false;

  constructor(
    readonly socket: net.Socket,
    private readonly server: PgliteWireServer,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (data) => this.receive(data));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  write(data: Uint8Array) {
    // PGlite hands out a view of its own memory, reused for the next output: copy it,
    // because the socket may still hold it in its write queue.
    if (!this.closed && this.socket.writable) this.socket.write(Buffer.from(data));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.server.disconnected(this);
  }

  private receive(data: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    while (!this.closed) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (length === 8 && code === SSL_REQUEST) {
          this.buffer = this.buffer.subarray(8);
          this.write(Buffer.from("N"));
          continue;
        }
        if (length === 16 && code === CANCEL_REQUEST) {
          this.close(); // cancellation is not supported; the client just stops waiting
          return;
        }
        if (code !== PROTOCOL_3 || length < 8 || length > 10_000) {
          this.close();
          return;
        }
        if (this.buffer.length < length) return;
        const startup = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        this.started = true;
        this.server.enqueue({ conn: this, messages: [Buffer.from(startup)] });
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]);
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const message = Buffer.from(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (type === "X") {
        this.close();
        return;
      }
      this.pending.push(message);
      if (GROUP_END.has(type)) {
        this.server.enqueue({ conn: this, messages: this.pending });
        this.pending = [];
      }
    }
  }
}

export class PgliteWireServer {
  private server = net.createServer((socket) => {
    if (this.connections.size >= this.maxConnections) {
      socket.destroy();
      return;
    }
    this.connections.add(new Connection(socket, this));
  });
  private connections = new Set<Connection>();
  private queue: Group[] = [];
  private running = false;
  /** The connection whose transaction is open: only it may run until it ends. */
  private owner: Connection | null = null;

  constructor(
    private readonly db: PGlite,
    private readonly maxConnections = 64,
  ) {}

  listen(target: { path: string } | { host: string; port: number }): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      const done = () => {
        this.server.off("error", reject);
        if ("path" in target) {
          fs.chmodSync(target.path, 0o600);
          resolve(target.path);
        } else {
          const a = this.server.address() as net.AddressInfo;
          resolve(`${a.address}:${a.port}`);
        }
      };
      if ("path" in target) this.server.listen(target.path, done);
      else this.server.listen(target.port, target.host, done);
    });
  }

  enqueue(group: Group) {
    this.queue.push(group);
    void this.pump();
  }

  disconnected(conn: Connection) {
    this.connections.delete(conn);
    this.queue = this.queue.filter((g) => g.conn !== conn);
    if (this.owner === conn) {
      // The client went away inside a transaction: roll it back so others can go on.
      // (exec takes PGlite's exclusive lock itself.)
      void this.db
        .exec("ROLLBACK")
        .catch(() => undefined)
        .finally(() => {
          this.owner = null;
          void this.pump();
        });
    }
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((g) => g.conn === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [group] = this.queue.splice(index, 1);
        if (group.conn.closed) continue;
        await this.db.runExclusive(async () => {
          for (const message of group.messages) {
            await this.db.execProtocolRawStream(new Uint8Array(message), { onRawData: (data) => group.conn.write(data) });
          }
        });
        this.owner = this.db.isInTransaction() && !group.conn.closed ? group.conn : null;
        if (group.conn.closed && this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
      }
    } catch (e) {
      logError("embedded database: a query failed at the protocol level", e);
    } finally {
      this.running = false;
      if (this.queue.length && (!this.owner || this.queue.some((g) => g.conn === this.owner))) void this.pump();
    }
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
