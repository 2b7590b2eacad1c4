// Scenario text as markdown. Raw HTML in the source is dropped, never rendered, and
// links open in a new tab, so a participant never navigates away from the exercise.
import ReactMarkdown, { type Components } from "react-markdown";

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/** `lang`: the scenario's language, when it can differ from the page's. */
export function Markdown({ text, className, lang }: { text: string; className?: string; lang?: string }) {
  return (
    <div className={className ? `md ${className}` : "md"} lang={lang}>
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
