// An HSEEP rating as a coloured letter; an override is marked and keeps the proposal in its title.
import { getTranslations } from "next-intl/server";

export async function RatingBadge({ rating, proposed, overridden }: { rating: string | null; proposed?: string | null; overridden?: boolean }) {
  const t = await getTranslations("reports");
  if (!rating) return <span className="rating rating-none" title={t("rating.none")}>–</span>;
  const title = overridden ? t("rating.overriddenTitle", { rating, proposed: proposed ?? "–" }) : t("rating.proposedTitle", { rating });
  return (
    <span className={`rating rating-${rating}${overridden ? " rating-overridden" : ""}`} title={title} data-rating={rating} data-overridden={overridden ? "true" : undefined}>
      {rating}
      {overridden && <span aria-hidden>✎</span>}
      {overridden && <span className="sr-only">{t("rating.overridden")}</span>}
    </span>
  );
}
