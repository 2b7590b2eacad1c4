// Entry of the PDF worker thread (bundled into dist/pdf-worker.js): lays out and renders
// after-action reports (live and drill) away from the main thread, which serves live sessions.
import { parentPort } from "node:worker_threads";
import { renderPdfJob, type PdfJob, type PdfReply } from "./off-thread";

if (!parentPort) throw new Error("pdf-worker.js runs as a worker thread of the server");
const port = parentPort;

port.on("message", async (job: PdfJob) => {
  try {
    const pdf = await renderPdfJob(job.document, job.locale, job.generatedAt);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
    port.postMessage({ id: job.id, ok: true, bytes } satisfies PdfReply, [bytes.buffer]);
  } catch (error) {
    port.postMessage({ id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies PdfReply);
  }
});
