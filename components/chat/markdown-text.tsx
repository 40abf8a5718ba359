"use client";
// A reply's Markdown (issue 12): react-markdown + remark-gfm, raw HTML skipped,
// links opened in a new tab with rel="noopener noreferrer"; styled with antd tokens.
import { memo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import styles from "./markdown-text.module.css";

const COMPONENTS: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  table: ({ node: _node, ...props }) => (
    <div className={styles.tableWrap}>
      <table {...props} />
    </div>
  ),
};

const REMARK_PLUGINS = [remarkGfm];

/**
 * Renders `text` as GitHub-flavoured Markdown (tables, task lists,
 * strikethrough, autolinks). Raw HTML in the text is dropped (`skipHtml`)
 * and react-markdown's default URL filter keeps `javascript:` links out, so a
 * reply cannot inject markup or script. `caret` appends a blinking caret (a
 * reply still typing). Props: `{text: string, caret?: boolean}`.
 */
export const MarkdownText = memo(function MarkdownText({ text, caret = false }: { text: string; caret?: boolean }) {
  return (
    <div className={`${styles.markdown} ${caret ? styles.typing : ""}`} data-testid="message-markdown">
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} skipHtml components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
