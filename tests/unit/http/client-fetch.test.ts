// The browser's fetch helper against a real HTTP server: JSON both ways, the server's error
// shape surfaced as an ApiError with code, message, pointer and details, and no-JSON and
// unreachable servers told apart.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, apiFetch, apiResponse, fieldErrors } from "@/lib/http/client-fetch";

let server: http.Server;
let base = "";
const seen: Array<{ method?: string; type?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body });
      if (req.url === "/ok") return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: "s1" }));
      if (req.url === "/empty") return res.writeHead(204).end();
      if (req.url === "/refused") {
        const error = { code: "INVALID_INPUT", message: "teams/1: listed twice", path: "/teams/1", details: [{ path: "/teams/1", message: "listed twice" }, { path: "/title", message: "too long" }] };
        return res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error }));
      }
      res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad gateway</h1>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe("apiFetch", () => {
  it("sends JSON and reads the JSON answer", async () => {
    expect(await apiFetch<{ id: string }>(`${base}/ok`, { method: "POST", json: { title: "Drill" } })).toEqual({ id: "s1" });
    expect(seen.at(-1)).toEqual({ method: "POST", type: "application/json", body: '{"title":"Drill"}' });
    expect(await apiFetch(`${base}/empty`, { method: "DELETE" })).toBeUndefined();
    expect(seen.at(-1)?.type).toBeUndefined();
  });

  it("surfaces the server's error: code, message, pointer, details and status", async () => {
    const e = await refusal(apiFetch(`${base}/refused`, { method: "POST", json: {} }));
    expect(e.message).toBe("teams/1: listed twice");
    expect(e.problem).toMatchObject({ code: "INVALID_INPUT", status: 400, path: "/teams/1" });
    expect(fieldErrors(e.problem)).toEqual({ teams: "listed twice", title: "too long" });
  });

  it("tells a response without a JSON error (a proxy's page) from an unreachable server", async () => {
    expect((await refusal(apiResponse(`${base}/proxy`))).problem).toMatchObject({ code: "HTTP", status: 502 });
    expect((await refusal(apiFetch("http://127.0.0.1:1/nothing-listens"))).problem).toMatchObject({ code: "OFFLINE", status: 0 });
  });
});
