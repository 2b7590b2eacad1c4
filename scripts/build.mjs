#!/usr/bin/env node
// `npm run build`: always rebuilds.
import { ensureBuilt } from "./lib/build.mjs";
ensureBuilt({ force: true });
