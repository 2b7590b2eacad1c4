// The process-wide session service. server.ts installs the one wired to socket.io and
// the timers; Next's route handlers and server components in the same process get it here.
import { getPrisma } from "@/lib/db/client";
import { SessionService } from "@/lib/session/service";

const KEY = Symbol.for("readyroom.sessionService");
type Holder = { [KEY]?: SessionService };
const holder = globalThis as unknown as Holder;

export function installSessionService(service: SessionService): void {
  holder[KEY] = service;
}

export function getSessionService(): SessionService {
  holder[KEY] ??= new SessionService(getPrisma());
  return holder[KEY];
}
