"use client";
import { EditOutlined, MessageOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Input, Skeleton } from "antd";
import { useMemo, useState } from "react";
import { fetchJson } from "@/lib/client/api";
import { useLang, useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import { MAX_CONVERSATION_TITLE_CHARS, type ConversationDto } from "@/lib/shared/chat";
import { clipWords } from "@/lib/shared/text";
import styles from "./chat.module.css";

/** Characters of a title shown in the list (cut on a word boundary; the full title is the tooltip). */
const LIST_TITLE_CHARS = 48;

type Props = {
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
  onNew: () => void;
};

/**
 * PATCH /api/conversations/{id} `{title}`: the list and the conversation
 * show the new title at once (from the answer), then refetch.
 */
function useRenameConversation() {
  const queryClient = useQueryClient();
  const { message: toast } = App.useApp();
  const t = useT();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) =>
      fetchJson<{ conversation: ConversationDto }>(`/api/conversations/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify({ title }) }),
    onSuccess: ({ conversation }) => {
      queryClient.setQueryData(queries.conversations().queryKey, (list) => list?.map((c) => (c.id === conversation.id ? conversation : c)));
      queryClient.setQueryData(queries.conversation(conversation.id).queryKey, (d) => (d ? { ...d, conversation } : d));
    },
    onError: (error) => toast.error(`${t("chatX.renameFailed")}: ${error.message}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queries.conversations().queryKey }),
  });
}

/** The inline title editor: Enter or leaving the field saves a changed title, Escape cancels. */
function RenameInput({ conversation, onDone }: { conversation: ConversationDto; onDone: () => void }) {
  const t = useT();
  const rename = useRenameConversation();
  const [value, setValue] = useState(conversation.title);
  const save = () => {
    const title = value.trim();
    if (title && title !== conversation.title) rename.mutate({ id: conversation.id, title });
    onDone();
  };
  return (
    <Input
      className={styles.renameInput}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={save}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onDone();
        }
      }}
      maxLength={MAX_CONVERSATION_TITLE_CHARS}
      showCount
      autoFocus
      aria-label={t("chatX.renameInput")}
      data-testid="conversation-rename-input"
    />
  );
}

/**
 * The conversation list: brand, "New chat" (`data-testid="new-conversation"`)
 * and the viewer's conversations, newest first (`data-testid="conversation-item"`,
 * `aria-current` on the selected one; titles cut on a word boundary, the full
 * title as tooltip). Each conversation the viewer owns has a rename button
 * (`data-testid="conversation-rename"`) that turns its title into a field.
 * Lives in the sider on wide windows and in a drawer on phones.
 * Props: `{selectedId, onSelect, onNew}`.
 */
export function ConversationList({ selectedId, onSelect, onNew }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, isPending } = useQuery(queries.conversations());
  const [renaming, setRenaming] = useState<string | null>(null);
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
                <li key={c.id} className={`${styles.conversationRow} ${active ? styles.conversationItemActive : ""}`} data-testid="conversation-row">
                  {renaming === c.id ? (
                    <RenameInput conversation={c} onDone={() => setRenaming(null)} />
                  ) : (
                    <>
                      <button
                        type="button"
                        className={styles.conversationItem}
                        onClick={() => onSelect(c.id)}
                        aria-current={active ? "page" : undefined}
                        title={c.title}
                        data-testid="conversation-item"
                        data-conversation-id={c.id}
                        data-active={active ? "true" : "false"}
                      >
                        <MessageOutlined className={styles.conversationIcon} aria-hidden />
                        <span className={styles.conversationText}>
                          <span className={styles.conversationTitle} data-testid="conversation-item-title">
                            {clipWords(c.title, LIST_TITLE_CHARS)}
                          </span>
                          <time className={styles.conversationTime} dateTime={c.updatedAt}>
                            {dateFormat.format(new Date(c.updatedAt))}
                          </time>
                        </span>
                      </button>
                      {!c.readOnly && (
                        <Button
                          type="text"
                          size="small"
                          className={styles.renameButton}
                          icon={<EditOutlined />}
                          onClick={() => setRenaming(c.id)}
                          aria-label={t("chatX.rename", { title: clipWords(c.title, LIST_TITLE_CHARS) })}
                          data-testid="conversation-rename"
                        />
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </nav>
  );
}
