// A client-side navigation link with an icon, styled like antd's link button
// (a <Button> inside a <Link> would nest a button in an anchor).
import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./nav-link.module.css";

/** Props: `{href, icon?, children, testId?}`; renders one `<a>` (Next.js Link). */
export function NavLink({ href, icon, children, testId }: { href: string; icon?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Link href={href} className={styles.navLink} data-testid={testId}>
      {icon}
      <span>{children}</span>
    </Link>
  );
}
