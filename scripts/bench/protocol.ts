// Messages between the benchmark's orchestrator and its forked client workers. Each
// request carries an id; the worker answers it once with the same id.

/** Which server the worker's clients talk to: the app, or the bare socket.io baseline. */
export type Target = "app" | "baseline";

export type ConnectRequest = {
  type: "connect";
  target: Target;
  url: string;
  /** Per client: the app team to join (app), or the room to be put in (baseline). */
  teams: string[];
  /** Join code of the session (app only). */
  code?: string;
  /** Clients connecting at the same time in this worker. */
  concurrency: number;
  timeoutMs: number;
};

export type AwaitRequest = { type: "await"; target: Target; nodeId: string; timeoutMs: number };
/**
 * Every client of `target` (default: the app) in `share` (a range of fractions of this
 * worker's clients, default all) sends one vote:cast; the bare server only acks it.
 */
export type VoteRequest = { type: "vote"; nodeId: string; visit: number; optionIds: string[]; round: number; timeoutMs: number; target?: Target; share?: [number, number] };
export type LagRequest = { type: "lag"; action: "start" | "stop" };
/** Closes the clients of one target, or all of them. */
export type CloseRequest = { type: "close"; target?: Target };

export type WorkerRequest = ConnectRequest | AwaitRequest | VoteRequest | LagRequest | CloseRequest;

export type ConnectReply = {
  /** Handshake (socket.io CONNECT) times, ms. */
  connectMs: number[];
  /** participant:join ack times after the handshake, ms (app only). */
  joinMs: number[];
  failures: Array<{ stage: "connect" | "join"; code: string }>;
  participants: Array<{ participantId: string; teamId: string }>;
};

export type AwaitReply = {
  nodeId: string;
  /** [team or room, receipt time] per client that received the node. */
  receipts: Array<[string, number]>;
  missing: number;
  /** Receipts of this node's team:state beyond the first, per client. */
  duplicates: number;
  /** The first payload received for the node: the baseline broadcasts exactly this. */
  sample: unknown;
};

export type VoteReply = {
  sent: number;
  ok: number;
  errors: Record<string, number>;
  ackMs: number[];
  firstSendAt: number;
  lastAckAt: number;
  /** When each successful ack arrived (the benchmark's clock), for vote → console tally. */
  ackAt: number[];
  /** The option each participant's last acknowledged vote chose. */
  lastAcked: Array<[string, string]>;
};

export type LagReply = {
  /** Event-loop delay beyond the sampling interval, ms. */
  p50: number;
  p99: number;
  max: number;
  /** CPU time the worker used since "start", ms. */
  cpuMs: number;
};

export type CloseReply = {
  closed: number;
  /** Of those, clients that had lost their connection before the benchmark closed them. */
  dropped: number;
};

/** What every reply carries besides its answer. */
export type ReplyEnvelope = {
  id: number;
  error?: string;
};

export type BaselineRequest = { type: "listen" } | { type: "payloads"; payloads: Record<string, unknown> } | { type: "gc" } | { type: "close" };
