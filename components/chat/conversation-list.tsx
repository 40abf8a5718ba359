"use client";
import { DeleteOutlined, EditOutlined, MessageOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Empty, Input, Skeleton, type ButtonProps } from "antd";
import { useMemo, useState } from "react";
import { fetchJson } from "@/lib/client/api";
import { cancelAndDelete, deleteConversationRequest } from "@/lib/client/chat-delete";
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
  /** Called after a conversation was deleted (the page leaves it when it was open). */
  onDeleted?: (conversationId: string) => void;
};

/** Titles matching a search: every word of `q` appears in the title, case- and accent-insensitive. */
export function matchesTitle(title: string, q: string): boolean {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const t = fold(title);
  return fold(q)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => t.includes(w));
}

/**
 * Delete with a confirmation: DELETE /api/conversations/{id}; on 409 (jobs
 * pending or running, a reply streaming) a second confirmation offers "Cancel
 * them and delete" (cancelAndDelete). Removes it from the cached list at once.
 */
function useDeleteConversation(onDeleted?: (id: string) => void) {
  const queryClient = useQueryClient();
  const { message: toast, modal } = App.useApp();
  const t = useT();
  const removed = (id: string) => {
    queryClient.setQueryData(queries.conversations().queryKey, (list) => list?.filter((c) => c.id !== id));
    queryClient.removeQueries({ queryKey: queries.conversation(id).queryKey });
    void queryClient.invalidateQueries({ queryKey: queries.conversations().queryKey });
    toast.success(t("chatStream.deleted"));
    onDeleted?.(id);
  };
  const failed = (err: unknown) => toast.error(`${t("chatStream.deleteFailed")}: ${err instanceof Error ? err.message : String(err)}`);
  return (c: ConversationDto) => {
    modal.confirm({
      title: t("chatStream.deleteTitle"),
      content: t("chatStream.deleteBody", { title: clipWords(c.title, LIST_TITLE_CHARS) }),
      okText: t("chatStream.deleteOk"),
      okButtonProps: { danger: true, "data-testid": "conversation-delete-confirm" } as ButtonProps,
      cancelText: t("chatStream.cancel"),
      onOk: async () => {
        try {
          const r = await deleteConversationRequest(c.id);
          if (r.deleted) return removed(c.id);
          const busy = r.busy;
          modal.confirm({
            title: t("chatStream.deleteBusyTitle"),
            content: <span data-testid="conversation-delete-busy">{t("chatStream.deleteBusyBody", { count: busy.busyJobs + busy.runningTurns })}</span>,
            okText: t("chatStream.cancelAndDelete"),
            okButtonProps: { danger: true, "data-testid": "conversation-cancel-and-delete" } as ButtonProps,
            cancelText: t("chatStream.cancel"),
            onOk: async () => {
              try {
                await cancelAndDelete(c.id, busy);
                removed(c.id);
              } catch (err) {
                failed(err);
              }
            },
          });
        } catch (err) {
          failed(err);
        }
      },
    });
  };
}

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
 * A search field (`data-testid="conversation-search"`) filters the list by
 * title (matchesTitle); a delete button (`data-testid="conversation-delete"`)
 * asks for confirmation first (useDeleteConversation).
 * Lives in the sider on wide windows and in a drawer on phones.
 * Props: `{selectedId, onSelect, onNew, onDeleted?}`.
 */
export function ConversationList({ selectedId, onSelect, onNew, onDeleted }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { data, error, isPending } = useQuery(queries.conversations());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const confirmDelete = useDeleteConversation(onDeleted);
  const shown = useMemo(() => (data && q.trim() ? data.filter((c) => matchesTitle(c.title, q)) : data), [data, q]);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" }), [lang]);

  return (
    <nav className={styles.conversations} aria-label={t("chat.conversations")}>
      <div className={styles.brand}>{t("app.name")}</div>
      <Button type="primary" block icon={<PlusOutlined />} onClick={onNew} data-testid="new-conversation">
        {t("chat.newConversation")}
      </Button>
      <div className={styles.sectionLabel}>{t("chat.conversations")}</div>
      <Input
        className={styles.searchInput}
        allowClear
        size="small"
        prefix={<SearchOutlined aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t("chatStream.search")}
        aria-label={t("chatStream.search")}
        data-testid="conversation-search"
      />
      <div className={styles.conversationScroll}>
        {error ? (
          <Alert type="error" showIcon title={t("chat.loadConversationsError")} description={error.message} />
        ) : isPending ? (
          <Skeleton active title={false} paragraph={{ rows: 4 }} />
        ) : data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("chat.noConversations")} />
        ) : !shown || shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("chatStream.noMatches")} data-testid="conversation-no-matches" />
        ) : (
          <ul className={styles.conversationItems}>
            {shown.map((c) => {
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
                      {!c.readOnly && (
                        <Button
                          type="text"
                          size="small"
                          className={styles.renameButton}
                          icon={<DeleteOutlined />}
                          onClick={() => confirmDelete(c)}
                          aria-label={t("chatStream.delete", { title: clipWords(c.title, LIST_TITLE_CHARS) })}
                          data-testid="conversation-delete"
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
