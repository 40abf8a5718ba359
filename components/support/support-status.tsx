"use client";
import { CustomerServiceOutlined, LogoutOutlined } from "@ant-design/icons";
import { Button, Tag } from "antd";
import { NavLink } from "@/components/nav-link";
import { useT } from "@/lib/client/i18n";
import styles from "./support.module.css";
import { useSupportSession } from "./use-support-session";

/**
 * The support role in a page header: a "Support" tag with "Sign out" while
 * signed in, else a link to the sign-in form (only when the server has a
 * SUPPORT_TOKEN). Props: none.
 */
export function SupportStatus() {
  const t = useT();
  const { session, isSupport, signOut } = useSupportSession();
  if (!session) return null;
  if (isSupport) {
    return (
      <span data-testid="support-status">
        <Tag className={styles.roleTag} icon={<CustomerServiceOutlined />}>
          {t("support.role")}
        </Tag>
        <Button size="small" type="text" icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t("support.signOut")}
        </Button>
      </span>
    );
  }
  if (!session.supportSignIn) return null;
  return (
    <NavLink href="/support" icon={<CustomerServiceOutlined />} testId="support-sign-in-link">
      {t("support.signIn")}
    </NavLink>
  );
}
