// vitest globalSetup (after templates.ts): starts the one server that every file of the
// project using sharedApp() talks to, instead of one server per file. Files that change the
// server's environment or lifecycle (startup, crash safety, CLI, cluster, login limits,
// TRUST_PROXY, the secure cookie, restarts) keep startApp(). The server's output goes to a
// log file the files read; the server is stopped at teardown, and when the run's process
// exits for any other reason. The setup does not wait for the server to be ready: it boots
// while the unit tests run, and sharedApp() waits for the address it writes once ready (or
// the reason it failed).
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { SHARING, countServerStart, startApp, type RunningApp } from "../helpers/app";

declare module "vitest" {
  export interface ProvidedContext {
    /** The project's shared server: address, data directory and log file. */
    sharedApp: { dataDir: string; logFile: string; stateFile: string };
  }
}

export default async function setup(project: TestProject) {
  if (!SHARING) return;
  const { testRunDir, embeddedTemplate } = project.getProvidedContext();
  const dataDir = path.join(testRunDir, "shared-app");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.cpSync(embeddedTemplate, path.join(dataDir, "pgdata"), { recursive: true });
  const logFile = path.join(testRunDir, "shared-app.log");

  const stateFile = path.join(testRunDir, "shared-app.json");
  let app: RunningApp | undefined;
  const killOnExit = () => app?.proc.kill("SIGKILL");
  process.once("exit", killOnExit);
  const log = fs.createWriteStream(logFile);
  const started = startApp({ dataDir, timeoutMs: 200_000 }).then(
    (running) => {
      app = running;
      countServerStart(`${project.name} shared`, testRunDir);
      log.write(running.logs());
      running.proc.stdout!.pipe(log, { end: false });
      running.proc.stderr!.pipe(log, { end: false });
      writeState({ url: running.url });
    },
    (e: unknown) => writeState({ error: e instanceof Error ? e.message : String(e) }),
  );
  // Written whole (rename), so a file that waits never reads half of it.
  function writeState(state: object) {
    fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
    fs.renameSync(`${stateFile}.tmp`, stateFile);
  }
  project.provide("sharedApp", { dataDir, logFile, stateFile });

  return async () => {
    await started;
    process.off("exit", killOnExit);
    await app?.stop();
    await new Promise((resolve) => log.end(resolve));
  };
}
