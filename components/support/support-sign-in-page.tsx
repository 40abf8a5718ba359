"use client";
// /support: the sign-in form that gives this browser session the support role.
import { CustomerServiceOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Result } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiError } from "@/lib/client/api";
import { useT } from "@/lib/client/i18n";
import { jobHistoryUrl } from "@/lib/client/job-urls";
import { LanguageSwitch } from "@/components/language-switch";
import { useSupportSession } from "./use-support-session";

/**
 * The support sign-in page: one password field for SUPPORT_TOKEN. A correct
 * token sets the role on the session (12 h) and opens /jobs, which then lists
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
    <main style={{ maxWidth: 440, margin: "10vh auto", padding: 24 }} data-testid="support-page">
      <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 12 }}>
        <LanguageSwitch />
      </div>
      <Card title={<><CustomerServiceOutlined /> {t("support.title")}</>}>
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
            <p style={{ marginTop: 0 }}>{t("support.intro")}</p>
            <Form.Item
              name="token"
              label={t("support.token")}
              rules={[{ required: true, message: t("support.tokenRequired") }]}
              validateStatus={fieldError ? "error" : undefined}
              help={fieldError}
            >
              <Input.Password autoFocus autoComplete="current-password" data-testid="support-token" onChange={() => signIn.reset()} />
            </Form.Item>
            {error?.code === "support_disabled" && <Alert type="warning" showIcon title={t("support.disabled")} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="support-submit">
              {t("support.submit")}
            </Button>
          </Form>
        )}
      </Card>
      <p style={{ textAlign: "center", marginTop: 16 }}>
        <Link href="/">{t("jobs.backToChat")}</Link>
      </p>
    </main>
  );
}
