"use client";
// The chat page (DESIGN.md "UI" → Chat page): conversations | messages + input | plan tree.
import { ApartmentOutlined, CloseOutlined, ExportOutlined, MenuOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Drawer, Empty, Layout, Skeleton } from "antd";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { ThemeSwitch } from "@/components/theme-switch";
import { NavLink } from "@/components/nav-link";
import { PlanTreeView } from "@/components/plan/plan-tree-view";
import { useLang, useT } from "@/lib/client/i18n";
import { jobHistoryUrl } from "@/lib/client/job-urls";
import { planPageUrl } from "@/lib/client/plan-urls";
import { queries } from "@/lib/client/queries";
import { ChatComposer, draftLength, type ComposerInputRef } from "./chat-composer";
import styles from "./chat.module.css";
import { ConversationList } from "./conversation-list";
import { MessageList } from "./message-list";
import { PlanSwitcher, usePlanTitles } from "./plan-switcher";
import { useChatTurns } from "@/hooks/use-chat-turns";
import { SendFailureAlert } from "./send-failure-alert";
import { useTurnView } from "./use-turn-view";

/** The conversation a chat URL names: `/c/{id}` → id; `/` → null. */
export function conversationIdOfPath(pathname: string | null): string | null {
  const m = /^\/c\/([^/]+)\/?$/.exec(pathname ?? "");
  return m ? decodeURIComponent(m[1]) : null;
}

/** The chat URL of a conversation: `/c/{id}`, or `/` for a new chat. */
export const chatUrl = (conversationId: string | null): string => (conversationId ? `/c/${encodeURIComponent(conversationId)}` : "/");

/**
 * The chat page. The selected conversation lives in the URL (`/c/{id}`; `/`
 * is a new chat; the older `/?c={id}` is redirected); a new conversation's URL
 * is set with history.replaceState once `conversation_start` names it (the page
 * and its stream stay). Must be rendered inside a Suspense boundary
 * (useSearchParams). Props: none.
 */
export function ChatPage() {
  const t = useT();
  const { lang } = useLang();
  const router = useRouter();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const legacyId = searchParams.get("c");
  const selectedId = conversationIdOfPath(pathname) ?? legacyId;
  useEffect(() => {
    if (legacyId && pathname === "/") router.replace(chatUrl(legacyId), { scroll: false });
  }, [legacyId, pathname, router]);
  const inputRef = useRef<ComposerInputRef>(null);
  const [draft, setDraft] = useState("");
  const closePlanRef = useRef<HTMLButtonElement>(null);
  const [planOpen, setPlanOpen] = useState(false);
  // The conversation list as a drawer on phones (the sider is hidden below 768 px).
  const [listOpen, setListOpen] = useState(false);
  // The plan the user picked in each conversation (switcher or a message), until their next send.
  const [pickedPlans, setPickedPlans] = useState<Record<string, string>>({});

  const select = useCallback(
    (id: string | null, mode: "push" | "replace" = "push") => {
      const href = chatUrl(id);
      if (mode === "push") router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [router],
  );
  const onConversation = useCallback((id: string) => {
    // The page (and the stream it reads) stays: only the address changes.
    if (conversationIdOfPath(window.location.pathname) !== id) window.history.replaceState(null, "", chatUrl(id));
  }, []);
  const { send, resume, stop, live, failure, clearFailure } = useChatTurns({ lang, onConversation });
  const conversation = useQuery({ ...queries.conversation(selectedId ?? ""), enabled: !!selectedId });
  const detail = selectedId ? conversation.data : undefined;
  const stored = useMemo(() => detail?.messages ?? [], [detail]);
  const { messages, pendingIds, liveById, streamingTurn, thinking, planIds } = useTurnView({ live, selectedId, stored, resume, stop });
  // The conversation's plans, oldest first: the server's list, then any a reply named that it does not list yet.
  const conversationPlanIds = useMemo(() => {
    const ids = [...(detail?.planIds ?? [])];
    for (const m of messages) if (m.metadata?.planId && !ids.includes(m.metadata.planId)) ids.push(m.metadata.planId);
    return ids;
  }, [detail, messages]);
  const planTitles = usePlanTitles({ planIds: conversationPlanIds });
  // By default the plan of the newest message that has one (the last send's reply is among the messages).
  const newestPlanId = useMemo(() => messages.findLast((m) => m.metadata?.planId)?.metadata?.planId, [messages]);
  const picked = selectedId ? pickedPlans[selectedId] : undefined;
  const planId = selectedId
    ? picked && conversationPlanIds.includes(picked)
      ? picked
      : (newestPlanId ?? planIds[selectedId] ?? detail?.planIds.at(-1))
    : undefined;
  const pickPlan = useCallback(
    (id: string) => {
      if (selectedId) setPickedPlans((p) => ({ ...p, [selectedId]: id }));
    },
    [selectedId, setPickedPlans],
  );
  const isSending = thinking;
  const isStreaming = streamingTurn !== undefined;

  const focusInput = useCallback(() => {
    // After the disabled textarea is enabled again.
    requestAnimationFrame(() => inputRef.current?.focus());
  }, []);
  useEffect(() => {
    if (!isSending) focusInput();
  }, [isSending, selectedId, focusInput]);

  const readOnly = detail?.conversation.readOnly === true;

  const onSend = async () => {
    const text = draft.trim();
    // Never cut a message: over the limit the composer says why and Send stays disabled.
    if (!text || isSending || isStreaming || readOnly || draftLength(draft).over > 0) return;
    // The message acts on the plan on screen; its reply's plan is then the one shown.
    await deliver(selectedId, text, planId);
  };
  /** Sends `text` with the draft cleared; a failed send puts it back (unless something else was typed meanwhile). */
  const deliver = async (conversationId: string | null, text: string, plan?: string) => {
    setDraft((current) => (current.trim() === text ? "" : current));
    const ok = await send(conversationId, text, plan);
    if (!ok) setDraft((current) => current || text);
    else if (conversationId) setPickedPlans(({ [conversationId]: _done, ...rest }) => rest);
  };
  // A failed send shows in the conversation it was addressed to; Retry resends its text once there (send clears it).
  const shownFailure = failure && failure.conversationId === selectedId ? failure : undefined;
  const onRetry = () => shownFailure && !isSending && !isStreaming && void deliver(shownFailure.conversationId, shownFailure.text, shownFailure.planId);

  let status: React.ReactNode;
  if (selectedId && conversation.error && messages.length === 0) {
    const notFound = (conversation.error as { status?: number }).status === 404;
    status = (
      <Alert
        type={notFound ? "warning" : "error"}
        showIcon
        title={notFound ? t("chat.conversationNotFound") : t("chat.loadConversationError")}
        description={notFound ? undefined : conversation.error.message}
        action={
          <Button size="small" onClick={() => select(null)}>
            {t("chat.newConversation")}
          </Button>
        }
        data-testid="conversation-error"
      />
    );
  } else if (selectedId && conversation.isPending && messages.length === 0) {
    status = <Skeleton active paragraph={{ rows: 5 }} />;
  }

  const closePlan = (
    <Button ref={closePlanRef} className={styles.drawerClose} type="text" size="small" icon={<CloseOutlined />} onClick={() => setPlanOpen(false)} aria-label={t("chatX.closePlan")} data-testid="plan-drawer-close" />
  );
  /** The plan pane's content; in the drawer with a close button (the drawer has no header of its own: "Plan" once). */
  const plan = (inDrawer: boolean) =>
    planId ? (
      <PlanTreeView
        key={planId}
        planId={planId}
        readOnly={readOnly}
        extra={
          <>
            {conversationPlanIds.length > 1 && <PlanSwitcher planIds={conversationPlanIds} titles={planTitles} value={planId} onChange={pickPlan} />}
            <NavLink href={planPageUrl(planId)} icon={<ExportOutlined />} testId="open-plan-page">
              {t("plan.openPage")}
            </NavLink>
            {inDrawer && closePlan}
          </>
        }
      />
    ) : (
      <div className={styles.planEmpty}>
        {inDrawer && <div className={styles.planEmptyClose}>{closePlan}</div>}
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plan.none")} />
      </div>
    );
  const title = detail?.conversation.title ?? (selectedId ? "" : t("chat.newConversation"));
  const conversationList = (
    <ConversationList
      selectedId={selectedId}
      onSelect={(id) => {
        setListOpen(false);
        select(id);
      }}
      onNew={() => {
        setListOpen(false);
        select(null);
        clearFailure();
        focusInput();
      }}
      onDeleted={(id) => {
        if (id === selectedId) select(null, "replace");
      }}
    />
  );

  return (
    <Layout className={styles.shell} hasSider>
      <Layout.Sider className={styles.sider} theme="light" width={264}>
        {conversationList}
      </Layout.Sider>
      <Drawer
        open={listOpen}
        onClose={() => setListOpen(false)}
        placement="left"
        size="min(300px, 85vw)"
        closable={false}
        styles={{ body: { padding: 0 } }}
        aria-label={t("chat.conversations")}
        data-testid="conversation-drawer"
      >
        {listOpen ? conversationList : null}
      </Drawer>
      <Layout.Content className={styles.main}>
        <header className={styles.mainHeader}>
          <Button
            className={styles.menuButton}
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setListOpen(true)}
            aria-label={t("chatX.openConversations")}
            aria-expanded={listOpen}
            data-testid="open-conversations"
          />
          <h1 className={styles.conversationHeading} title={title} data-testid="conversation-title">
            {title}
          </h1>
          <Button
            className={styles.planButton}
            icon={<ApartmentOutlined />}
            onClick={() => setPlanOpen(true)}
            aria-label={t("chatX.showPlan")}
            aria-expanded={planOpen}
            data-testid="open-plan"
          >
            <span className={styles.hideNarrow}>{t("plan.title")}</span>
          </Button>
          <NavLink href={jobHistoryUrl()} icon={<UnorderedListOutlined />} testId="jobs-link">
            <span className={styles.hideNarrow}>{t("jobs.history")}</span>
          </NavLink>
          <ThemeSwitch />
          <LanguageSwitch />
        </header>
        <MessageList
          conversationKey={selectedId ?? "new"}
          messages={messages}
          pendingIds={pendingIds}
          thinking={thinking}
          status={status}
          selectedPlanId={planId}
          planTitles={conversationPlanIds.length > 1 ? planTitles : undefined}
          onSelectPlan={pickPlan}
          readOnly={readOnly}
          liveById={liveById}
          onExample={(text) => {
            setDraft(text);
            focusInput();
          }}
        />
        <div className={styles.composerWrap}>
          {readOnly ? (
            <Alert type="info" showIcon title={t("chatX.readOnlyTitle")} description={t("chatX.readOnlyBody")} data-testid="read-only-notice" />
          ) : (
            <>
              {shownFailure && <SendFailureAlert key={shownFailure.at} failure={shownFailure} onRetry={onRetry} onClose={clearFailure} busy={isSending || isStreaming} />}
              <ChatComposer
                value={draft}
                onChange={setDraft}
                onSend={onSend}
                sending={isSending}
                streaming={isStreaming && !isSending}
                onStop={streamingTurn ? () => void stop(streamingTurn.key) : undefined}
                inputRef={inputRef}
              />
            </>
          )}
        </div>
      </Layout.Content>
      <aside className={styles.planPane} aria-label={t("plan.title")}>
        {plan(false)}
      </aside>
      <Drawer
        open={planOpen}
        onClose={() => setPlanOpen(false)}
        closable={false}
        size="min(380px, 100vw)"
        styles={{ body: { padding: 0 } }}
        aria-label={t("plan.title")}
        destroyOnHidden
        // Focus lands on "Close", not on the first control (the "?" button, whose shortcuts tooltip would pop over the plan).
        afterOpenChange={(open) => open && closePlanRef.current?.focus()}
        data-testid="plan-drawer"
      >
        {planOpen ? plan(true) : null}
      </Drawer>
    </Layout>
  );
}
