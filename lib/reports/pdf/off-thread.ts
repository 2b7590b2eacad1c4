// Renders after-action report PDFs (a live session's AAR, a drill's report) on one long-lived worker thread. A report takes seconds
// of synchronous layout; on the main thread that would stall every live session's sockets
// and timers meanwhile. Jobs queue on the worker one at a time. Where the worker bundle is
// absent (development with tsx), the PDF renders in-process instead. Either way the queue is
// bounded (render-gate.ts): when it is full the caller gets PdfBusyError at once.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Locale } from "@/lib/i18n/config";
import type { AarReport } from "../aar";
import type { DrillReport } from "@/lib/drills/report-load";
import { PdfBusyError, RenderGate, pdfQueueLimit } from "./render-gate";

/** Which report to render: both share the worker, the queue and its bound. */
type PdfDocumentJob = { kind: "aar"; report: AarReport } | { kind: "drill"; report: DrillReport };
export type PdfJob = { id: number; document: PdfDocumentJob; locale: Locale; generatedAt: Date };
export type PdfReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

type Pending = { resolve: (bytes: Buffer) => void; reject: (error: Error) => void };
type PdfWorker = { worker: Worker; pending: Map<number, Pending>; nextId: number };

const KEY = Symbol.for("readyroom.pdf-worker");
const GATE = Symbol.for("readyroom.pdf-gate");
type Holder = { [KEY]?: PdfWorker | null; [GATE]?: RenderGate };

/** One gate per process, shared by the route bundles that import this module. */
function gate(): RenderGate {
  const holder = globalThis as unknown as Holder;
  return (holder[GATE] ??= new RenderGate(pdfQueueLimit()));
}

/** dist/pdf-worker.js beside the running server bundle, or null when there is none. */
export function workerBundlePath(): string | null {
  const explicit = process.env.READYROOM_PDF_WORKER;
  const candidates = [explicit, process.argv[1] && path.join(path.dirname(process.argv[1]), "pdf-worker.js"), path.join(process.cwd(), "dist", "pdf-worker.js")];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  return null;
}

function startWorker(file: string): PdfWorker {
  const holder = globalThis as unknown as Holder;
  const state: PdfWorker = { worker: new Worker(file), pending: new Map(), nextId: 1 };
  const failAll = (error: Error) => {
    for (const job of state.pending.values()) job.reject(error);
    state.pending.clear();
    if (holder[KEY] === state) holder[KEY] = null;
  };
  state.worker.on("message", (reply: PdfReply) => {
    const job = state.pending.get(reply.id);
    if (!job) return;
    state.pending.delete(reply.id);
    if (reply.ok) job.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else job.reject(new Error(`the PDF could not be rendered: ${reply.message}`));
  });
  state.worker.on("error", (error) => failAll(error));
  state.worker.on("exit", (code) => failAll(new Error(`the PDF worker stopped (exit code ${code})`)));
  // The worker must not keep a stopping server alive.
  state.worker.unref();
  holder[KEY] = state;
  return state;
}

/**
 * The report as PDF bytes, rendered on the worker thread when the bundle exists. Throws
 * PdfBusyError without queueing when the queue is full.
 */
export async function renderAarPdfOffThread(report: AarReport, locale: Locale, generatedAt: Date = new Date()): Promise<Buffer> {
  return renderOffThread({ kind: "aar", report }, locale, generatedAt);
}

/** A drill's report as PDF bytes, through the same worker and bounded queue as the AAR's. */
export async function renderDrillPdfOffThread(report: DrillReport, locale: Locale, generatedAt: Date = new Date()): Promise<Buffer> {
  return renderOffThread({ kind: "drill", report }, locale, generatedAt);
}

async function renderOffThread(document: PdfDocumentJob, locale: Locale, generatedAt: Date): Promise<Buffer> {
  const entry = gate().enter();
  if (!entry.ok) throw new PdfBusyError(entry.retryAfterSeconds);
  try {
    return await render(document, locale, generatedAt);
  } finally {
    entry.ticket.release();
  }
}

/** Renders one job where it is: the worker thread's entry and the in-process fallback share this. */
export async function renderPdfJob(document: PdfDocumentJob, locale: Locale, generatedAt: Date): Promise<Buffer> {
  if (document.kind === "drill") {
    const { renderDrillPdf } = await import("./drill-pdf");
    return renderDrillPdf(document.report, locale, generatedAt);
  }
  const { renderAarPdf } = await import("./aar-pdf");
  return renderAarPdf(document.report, locale, generatedAt);
}

async function render(document: PdfDocumentJob, locale: Locale, generatedAt: Date): Promise<Buffer> {
  const file = workerBundlePath();
  if (!file) return renderPdfJob(document, locale, generatedAt);
  const holder = globalThis as unknown as Holder;
  const state = holder[KEY] ?? startWorker(file);
  const id = state.nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.postMessage({ id, document, locale, generatedAt } satisfies PdfJob);
  });
}
