"use client";
// /support: the sign-in form that gives this browser session the support role.
import { ArrowLeftOutlined, CustomerServiceOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Result } from "antd";
import { useRouter } from "next/navigation";
import { HeaderControls } from "@/components/header-controls";
import { NavLink } from "@/components/nav-link";
import { ApiError } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { jobHistoryUrl } from "@/lib/client/job-urls";
import styles from "./support.module.css";
import { useSupportSession } from "./use-support-session";

/**
 * The support sign-in page: a header (back to the chat, theme, language),
 * the page's h1 and one password field for SUPPORT_TOKEN. A correct token
 * sets the role on the session (12 h) and opens /jobs, which then lists
 * everyone's jobs. Wrong token: the field shows the error and nothing changes.
 * Props: none.
 */
export function SupportSignInPage() {
  const t = useT();
  const router = useRouter();
  const { session, isSupport, signIn, signOut } = useSupportSession();
  const error = signIn.error instanceof ApiError ? signIn.error : undefined;
  const fieldError =
    error?.code === "wrong_token" ? t("support.wrongToken") : error && error.code !== "support_disabled" ? error.message : undefined;

  return (
    <main className={styles.page} data-testid="support-page">
      <header className={styles.header}>
        <NavLink href="/" icon={<ArrowLeftOutlined />}>
          {t("jobs.backToChat")}
        </NavLink>
        <HeaderControls support={false} />
      </header>
      <Card
        title={
          <h1 className={styles.title}>
            <CustomerServiceOutlined aria-hidden /> {t("support.title")}
          </h1>
        }
      >
        {isSupport ? (
          <Result
            status="success"
            title={t("support.signedIn")}
            extra={[
              <Button key="jobs" type="primary" onClick={() => router.push(jobHistoryUrl())}>
                {t("support.openJobs")}
              </Button>,
              <Button key="out" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                {t("support.signOut")}
              </Button>,
            ]}
          />
        ) : session && !session.supportSignIn ? (
          <Alert type="info" showIcon title={t("support.disabled")} />
        ) : (
          <Form
            layout="vertical"
            requiredMark={false}
            onFinish={({ token }: { token: string }) => signIn.mutate(token, { onSuccess: () => router.push(jobHistoryUrl()) })}
          >
            <p className={styles.intro}>{t("support.intro")}</p>
            <Form.Item
              name="token"
              label={t("support.token")}
              rules={[{ required: true, message: t("support.tokenRequired") }]}
              validateStatus={fieldError ? "error" : undefined}
              help={fieldError}
            >
              <Input.Password autoFocus autoComplete="current-password" data-testid="support-token" onChange={() => signIn.reset()} />
            </Form.Item>
            {error?.code === "support_disabled" && <Alert type="warning" showIcon title={t("support.disabled")} className={styles.alert} />}
            <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="support-submit">
              {t("support.submit")}
            </Button>
          </Form>
        )}
      </Card>
    </main>
  );
}
