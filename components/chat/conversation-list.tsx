"use client";
import { MessageOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Skeleton } from "antd";
import { useMemo } from "react";
import { useLang, useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import styles from "./chat.module.css";

type Props = {
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
  onNew: () => void;
};

/**
 * The left sider: brand, "New chat" (`data-testid="new-conversation"`) and the
 * viewer's conversations, newest first (`data-testid="conversation-item"`,
 * `aria-current` on the selected one). Props: `{selectedId, onSelect, onNew}`.
 */
export function ConversationList({ selectedId, onSelect, onNew }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, isPending } = useQuery(queries.conversations());
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" }), [lang]);

  return (
    <nav className={styles.conversations} aria-label={t("chat.conversations")}>
      <div className={styles.brand}>{t("app.name")}</div>
      <Button type="primary" block icon={<PlusOutlined />} onClick={onNew} data-testid="new-conversation">
        {t("chat.newConversation")}
      </Button>
      <div className={styles.sectionLabel}>{t("chat.conversations")}</div>
      <div className={styles.conversationScroll}>
        {error ? (
          <Alert type="error" showIcon title={t("chat.loadConversationsError")} description={error.message} />
        ) : isPending ? (
          <Skeleton active title={false} paragraph={{ rows: 4 }} />
        ) : data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("chat.noConversations")} />
        ) : (
          <ul className={styles.conversationItems}>
            {data.map((c) => {
              const active = c.id === selectedId;
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`${styles.conversationItem} ${active ? styles.conversationItemActive : ""}`}
                    onClick={() => onSelect(c.id)}
                    aria-current={active ? "page" : undefined}
                    data-testid="conversation-item"
                    data-conversation-id={c.id}
                    data-active={active ? "true" : "false"}
                  >
                    <MessageOutlined className={styles.conversationIcon} aria-hidden />
                    <span className={styles.conversationText}>
                      <span className={styles.conversationTitle}>{c.title}</span>
                      <time className={styles.conversationTime} dateTime={c.updatedAt}>
                        {dateFormat.format(new Date(c.updatedAt))}
                      </time>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </nav>
  );
}
