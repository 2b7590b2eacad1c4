// vitest globalSetup (after templates.ts): starts the one server that every file of the
// project using sharedApp() talks to, instead of one server per file. Files that change the
// server's environment or lifecycle (startup, crash safety, CLI, cluster, login limits,
// TRUST_PROXY, the secure cookie, restarts) keep startApp(). The server's output goes to a
// log file the files read; the server is stopped at teardown, and when the run's process
// exits for any other reason.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { SHARING, countServerStart, startApp, type RunningApp } from "../helpers/app";

declare module "vitest" {
  export interface ProvidedContext {
    /** The project's shared server: address, data directory and log file. */
    sharedApp: { url: string; dataDir: string; logFile: string };
  }
}

export default async function setup(project: TestProject) {
  if (!SHARING) return;
  const { testRunDir, embeddedTemplate } = project.getProvidedContext();
  const dataDir = path.join(testRunDir, "shared-app");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.cpSync(embeddedTemplate, path.join(dataDir, "pgdata"), { recursive: true });
  const logFile = path.join(testRunDir, "shared-app.log");

  let app: RunningApp | undefined;
  const killOnExit = () => app?.proc.kill("SIGKILL");
  process.once("exit", killOnExit);
  app = await startApp({ dataDir, timeoutMs: 200_000 });
  countServerStart(`${project.name} shared`, testRunDir);
  const log = fs.createWriteStream(logFile);
  log.write(app.logs());
  app.proc.stdout!.pipe(log, { end: false });
  app.proc.stderr!.pipe(log, { end: false });
  project.provide("sharedApp", { url: app.url, dataDir, logFile });

  return async () => {
    process.off("exit", killOnExit);
    await app?.stop();
    await new Promise((resolve) => log.end(resolve));
  };
}
