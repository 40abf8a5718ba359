"use client";
import { ArrowLeftOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { HeaderControls } from "@/components/header-controls";
import { NavLink } from "@/components/nav-link";
import { useT } from "@/lib/client/i18n";
import { jobHistoryUrl } from "@/lib/client/job-urls";
import styles from "./jobs.module.css";

/**
 * The header of the job pages: back to the chat, an optional link to the
 * history, the page title, then the support role, theme and language
 * (HeaderControls). Wraps on a phone: links, then the title on its own line.
 * Props: `{title?, historyLink?}`.
 */
export function JobsHeader({ title, historyLink = false }: { title?: string; historyLink?: boolean }) {
  const t = useT();
  return (
    <header className={styles.header}>
      <NavLink href="/" icon={<ArrowLeftOutlined />}>
        {t("jobs.backToChat")}
      </NavLink>
      {historyLink && (
        <NavLink href={jobHistoryUrl()} icon={<UnorderedListOutlined />}>
          {t("jobs.history")}
        </NavLink>
      )}
      <HeaderControls />
      {title && <h1 className={styles.title}>{title}</h1>}
    </header>
  );
}
