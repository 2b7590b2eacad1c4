#!/usr/bin/env node
// `npm start`: builds when needed, then runs the production server in this process.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuilt, root } from "./lib/build.mjs";

ensureBuilt();
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
await import(pathToFileURL(path.join(root, "dist", "server.js")).href);
