"use client";
// "Execute plan": starts a run of the whole plan (docs/design.md "HTTP API" → POST /api/plans/{planId}/execute).
import { PlayCircleOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useExecutePlan, type UseExecutePlanOptions } from "@/hooks/use-run-actions";
import { useT } from "@/lib/client/i18n";

/**
 * The primary "Execute plan" button (`data-testid="execute-plan"`): spins
 * while the request is sent; disabled for read-only viewers (a tooltip says
 * only the owner can) and for a plan without tasks. Failures show as an antd
 * message (useExecutePlan). Props: `{planId, onStarted?, readOnly?, disabled?}`.
 */
export function ExecutePlanButton({
  planId,
  onStarted,
  readOnly = false,
  disabled = false,
}: {
  planId: string;
  onStarted?: UseExecutePlanOptions["onStarted"];
  readOnly?: boolean;
  disabled?: boolean;
}) {
  const t = useT();
  const { execute, pending } = useExecutePlan({ planId, onStarted });
  const button = (
    <Button type="primary" icon={<PlayCircleOutlined />} loading={pending} disabled={readOnly || disabled} onClick={() => void execute()} data-testid="execute-plan">
      {t("run.executePlan")}
    </Button>
  );
  // A disabled button gets no pointer events: the tooltip hangs on a wrapper.
  return <Tooltip title={readOnly ? t("run.executeReadOnly") : t("run.executeHint")}>{readOnly || disabled ? <span>{button}</span> : button}</Tooltip>;
}
