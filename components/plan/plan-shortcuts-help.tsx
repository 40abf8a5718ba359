"use client";
import { QuestionCircleOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useT, type MessageKey } from "@/lib/client/i18n";
import { SHORTCUTS } from "./plan-task-menu";
import styles from "./plan-tree-view.module.css";

const ROWS: [keys: string, what: MessageKey][] = [
  ["↑ ↓ Home End", "planHelp.navigate"],
  ["← →", "planHelp.expand"],
  [SHORTCUTS.rename, "planHelp.rename"],
  [SHORTCUTS.delete, "planHelp.delete"],
  [`${SHORTCUTS.menu} · ⋯`, "planHelp.menu"],
  [`${SHORTCUTS.up} ${SHORTCUTS.down}`, "planHelp.move"],
  [`${SHORTCUTS.indent} ${SHORTCUTS.outdent}`, "planHelp.indent"],
  ["Enter · Esc", "planHelp.edit"],
];

/**
 * The tree's keyboard shortcuts in a tooltip on a "?" button (tabbable; the
 * tooltip also shows on focus). `data-testid="plan-shortcuts"`. Props: none.
 */
export function PlanShortcutsHelp() {
  const t = useT();
  const body = (
    <div className={styles.help} data-testid="plan-shortcuts-body">
      <div className={styles.helpTitle}>{t("planHelp.title")}</div>
      <dl className={styles.helpList}>
        {ROWS.map(([keys, what]) => (
          <div key={what} className={styles.helpRow}>
            <dt>
              <kbd className={styles.kbd}>{keys}</kbd>
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.helpNote}>{t("planHelp.drag")}</div>
    </div>
  );
  return (
    <Tooltip title={body} trigger={["hover", "focus"]} placement="bottomRight" styles={{ root: { maxWidth: 340 } }}>
      <Button type="text" icon={<QuestionCircleOutlined />} aria-label={t("planHelp.title")} data-testid="plan-shortcuts" />
    </Tooltip>
  );
}
