"use client";
// Keeps the present screen's content on one screen: it shrinks the type step by step down
// to MIN_SCALE, and past that lays the content out in pages (CSS columns, one screen
// wide) turned with the arrow keys or the buttons. A projector never scrolls.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

const MIN_SCALE = 0.7;
const STEP = 0.05;
/** The gap between pages: the stage's own side padding, twice. */
const PAGE_GAP_PX = 64;

type Fit = { scale: number; pages: number };

export function FitToScreen({ contentKey, className, children }: { contentKey: string; className: string; children: ReactNode }) {
  const t = useTranslations("stage.present");
  const frame = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState<Fit>({ scale: 1, pages: 1 });
  const [page, setPage] = useState(0);

  const measure = useCallback(() => {
    const f = frame.current;
    const s = stage.current;
    if (!f || !s) return;
    // Measure from the largest type, unpaged, then shrink while it overflows.
    s.classList.remove("paged");
    let scale = 1;
    s.style.setProperty("--fit", "1");
    while (s.scrollHeight > f.clientHeight + 1 && scale - STEP >= MIN_SCALE - 1e-9) {
      scale = Math.round((scale - STEP) * 100) / 100;
      s.style.setProperty("--fit", String(scale));
    }
    let pages = 1;
    if (s.scrollHeight > f.clientHeight + 1) {
      s.classList.add("paged");
      const style = getComputedStyle(s);
      const width = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      pages = Math.max(1, Math.ceil((s.scrollWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + PAGE_GAP_PX) / (width + PAGE_GAP_PX) - 0.01));
    }
    setFit((old) => (old.scale === scale && old.pages === pages ? old : { scale, pages }));
  }, []);

  useLayoutEffect(() => {
    setPage(0);
    measure();
  }, [contentKey, measure]);

  useEffect(() => {
    const observer = new ResizeObserver(() => measure());
    if (frame.current) observer.observe(frame.current);
    // Images and fonts that load late change the height too.
    const late = window.setTimeout(measure, 400);
    return () => {
      observer.disconnect();
      window.clearTimeout(late);
    };
  }, [measure, contentKey]);

  useEffect(() => {
    const s = stage.current;
    if (!s) return;
    const style = getComputedStyle(s);
    const width = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    s.scrollLeft = fit.pages > 1 ? page * (width + PAGE_GAP_PX) : 0;
  }, [page, fit]);

  useEffect(() => {
    if (fit.pages <= 1) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select")) return;
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") setPage((p) => Math.min(fit.pages - 1, p + 1));
      else if (e.key === "ArrowLeft" || e.key === "PageUp") setPage((p) => Math.max(0, p - 1));
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [fit.pages]);

  const current = Math.min(page, fit.pages - 1);
  return (
    <div className="present-fit" ref={frame} data-testid="present-fit" data-scale={fit.scale} data-pages={fit.pages} data-page={current + 1}>
      <div className={className} ref={stage}>
        {children}
      </div>
      {fit.pages > 1 && (
        <div className="present-pager" role="group" aria-label={t("page", { page: current + 1, pages: fit.pages })}>
          <button type="button" className="btn ghost" onClick={() => setPage(Math.max(0, current - 1))} disabled={current === 0} aria-label={t("previous")}>←</button>
          <span data-testid="present-page" aria-live="polite">{t("page", { page: current + 1, pages: fit.pages })}</span>
          <button type="button" className="btn ghost" onClick={() => setPage(Math.min(fit.pages - 1, current + 1))} disabled={current === fit.pages - 1} aria-label={t("next")}>→</button>
          <span className="small muted">{t("pageHint")}</span>
        </div>
      )}
    </div>
  );
}
