// vitest setupFile of the server projects: after each test file (and after the file's own
// afterAll hooks, which stop its servers), deletes the data directories the file made.
import { afterAll } from "vitest";
import { removeTempDataDirs } from "../helpers/app";

afterAll(() => removeTempDataDirs());
