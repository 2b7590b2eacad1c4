// An inject's media as the thing it stands for: an e-mail in a mail client, a chat
// thread, a news article, a social post, a call transcript, a sheet of paper.
import { useTranslations } from "next-intl";
import type { TMedia } from "@/lib/scenario";
import { Icon } from "./Icon";
import { Markdown } from "./Markdown";

function initialOf(name: string): string {
  const letter = name.replace(/^[^\p{L}\p{N}]+/u, "").charAt(0);
  return (letter || "?").toUpperCase();
}

/** "Jane Doe <jane@example.com>" → name and address. */
function splitAddress(from: string): { name: string; address: string | null } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (!m) return { name: from, address: null };
  return { name: m[1] || m[2], address: m[2] };
}

/** A stable hue per sender, so each person in a chat keeps their colour. */
function hueOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

const HUE_CLASSES = 8;
function hueClass(name: string): string {
  return `hue-${Math.floor(hueOf(name) / (360 / HUE_CLASSES))}`;
}

type ChatLine = { time: string | null; sender: string | null; text: string };

/** Splits "[07:12] Eva: text" paragraphs into separate messages; anything else stays one bubble. */
export function parseChat(text: string, fallbackSender: string | null): ChatLine[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const lines: ChatLine[] = [];
  for (const p of paragraphs) {
    const m = /^\[([^\]\n]{1,24})\]\s*([^:\n]{1,60}):\s*([\s\S]*)$/.exec(p);
    if (m) lines.push({ time: m[1], sender: m[2].trim(), text: m[3] });
    else if (lines.length && lines[lines.length - 1].sender) lines.push({ time: null, sender: null, text: p });
    else lines.push({ time: null, sender: lines.length ? null : fallbackSender, text: p });
  }
  return lines;
}

function EmailCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  const { name, address } = splitAddress(media.from ?? t("unknownSender"));
  return (
    <article className="media media-email" aria-label={t("emailFrom", { name })} data-kind="email">
      <div className="mail-bar" aria-hidden><Icon name="mail" size={14} /> {t("inbox")}</div>
      <header className="mail-head">
        <h4 className="mail-subject">{media.subject ?? t("noSubject")}</h4>
        <div className="mail-from">
          <span className={`avatar ${hueClass(name)}`} aria-hidden>{initialOf(name)}</span>
          <div className="mail-sender">
            <strong>{name}</strong>
            {address && <span className="mail-address">&lt;{address}&gt;</span>}
            <div className="small muted">{t("toMe")}</div>
          </div>
        </div>
      </header>
      <Markdown text={media.text} className="mail-body" />
    </article>
  );
}

function ChatCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  const lines = parseChat(media.text, media.from ?? null);
  return (
    <article className="media media-chat" aria-label={t("chatLabel", { title: media.subject ?? media.from ?? t("chatFallback") })} data-kind="chat">
      <header className="chat-head">
        <span className="chat-icon"><Icon name="chat" size={18} /></span>
        <div className="chat-title">
          <strong>{media.from ?? t("chat")}</strong>
          {media.subject && <div className="small">{media.subject}</div>}
        </div>
      </header>
      <div className="chat-thread">
        {lines.map((line, i) => (
          <div key={i} className={`chat-msg${line.sender ? "" : " cont"}`}>
            {line.sender ? (
              <span className={`avatar small ${hueClass(line.sender)}`} aria-hidden>{initialOf(line.sender)}</span>
            ) : (
              <span className="avatar-gap" aria-hidden />
            )}
            <div className="bubble">
              {line.sender && (
                <div className="bubble-head">
                  <strong className={hueClass(line.sender)}>{line.sender}</strong>
                  {line.time && <span className="bubble-time">{line.time}</span>}
                </div>
              )}
              <Markdown text={line.text} />
            </div>
          </div>
        ))}
      </div>
    </article>
  );
}

function NewsCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  return (
    <article className="media media-news" aria-label={t("newsLabel", { title: media.subject ?? media.from ?? t("newsFallback") })} data-kind="news">
      <div className="news-outlet">{media.from ?? t("news")}</div>
      {media.subject && <h4 className="news-headline">{media.subject}</h4>}
      <Markdown text={media.text} className="news-body" />
    </article>
  );
}

function SocialCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  const from = media.from ?? "@unknown";
  const [handle, ...rest] = from.split(/\s+[—–-]\s+/);
  // The subject usually restates what follows the handle ("Pinned post · 06:40"), so it wins.
  const meta = media.subject ?? rest.join(" — ");
  return (
    <article className="media media-social" aria-label={t("socialLabel", { handle })} data-kind="social">
      <header className="social-head">
        <span className={`avatar ${hueClass(handle)}`} aria-hidden>{initialOf(handle)}</span>
        <div className="social-who">
          <strong>{handle}</strong>
          {meta && <div className="small muted">{meta}</div>}
        </div>
      </header>
      <Markdown text={media.text} className="social-body" />
      <footer className="social-actions" aria-hidden>
        <span><Icon name="reply" size={15} /> {t("reply")}</span>
        <span><Icon name="repost" size={15} /> {t("repost")}</span>
        <span><Icon name="heart" size={15} /> {t("like")}</span>
      </footer>
    </article>
  );
}

function PhoneCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  return (
    <article className="media media-phone" aria-label={t("phoneLabel", { caller: media.from ?? t("unknownCaller") })} data-kind="phone">
      <header className="phone-head">
        <span className="phone-icon"><Icon name="phone" size={20} /></span>
        <div>
          <div className="phone-label">{media.subject ?? t("phoneCall")}</div>
          <strong className="phone-caller">{media.from ?? t("unknownCaller")}</strong>
        </div>
      </header>
      <div className="phone-transcript">
        <div className="phone-transcript-label">{t("transcript")}</div>
        <Markdown text={media.text} />
      </div>
    </article>
  );
}

function DocumentCard({ media }: { media: TMedia }) {
  const t = useTranslations("live.media");
  // Column-aligned worksheets ("Field:      value") keep their alignment in a fixed-width font.
  const aligned = /\S {3,}\S/.test(media.text);
  return (
    <article className="media media-document" aria-label={t("documentLabel", { title: media.subject ?? t("untitled") })} data-kind="document">
      <div className="doc-paper">
        {media.subject && <h4 className="doc-title">{media.subject}</h4>}
        {media.from && <div className="doc-from">{media.from}</div>}
        <Markdown text={media.text} className={aligned ? "doc-body aligned" : "doc-body"} />
      </div>
    </article>
  );
}

export function MediaCard({ media }: { media: TMedia }) {
  switch (media.kind) {
    case "email":
      return <EmailCard media={media} />;
    case "chat":
      return <ChatCard media={media} />;
    case "news":
      return <NewsCard media={media} />;
    case "social":
      return <SocialCard media={media} />;
    case "phone":
      return <PhoneCard media={media} />;
    default:
      return <DocumentCard media={media} />;
  }
}
