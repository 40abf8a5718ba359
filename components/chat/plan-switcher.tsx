"use client";
// The chat plan pane's choice among a conversation's plans.
import { useQueries } from "@tanstack/react-query";
import { Select } from "antd";
import { useT } from "@/lib/client/i18n";
import { queries } from "@/lib/client/queries";
import { clipWords, stripMarkdown } from "@/lib/shared/text";

/** Characters of a plan title in the switcher (cut on a word boundary; the full title as tooltip). */
const SWITCHER_TITLE_CHARS = 48;

/**
 * The titles of a conversation's plans, by id (each plan's own query, shared
 * with the tree that shows it); a plan not loaded yet is absent.
 * @example const titles = usePlanTitles({ planIds: detail.planIds });
 */
export function usePlanTitles({ planIds }: { planIds: string[] }): ReadonlyMap<string, string> {
  return useQueries({
    queries: planIds.map((id) => queries.plan(id)),
    combine: (results) => {
      const titles = new Map<string, string>();
      results.forEach((r, i) => r.data && titles.set(planIds[i], r.data.plan.title));
      return titles;
    },
  });
}

type Props = {
  /** The conversation's plans, oldest first. */
  planIds: string[];
  titles: ReadonlyMap<string, string>;
  value: string;
  onChange: (planId: string) => void;
};

/**
 * A Select over a conversation's plans, newest first, each by its title
 * (`data-testid="plan-switcher"`; options `plan-switcher-option` with
 * `data-plan-id`). Props: `{planIds, titles, value, onChange}`.
 */
export function PlanSwitcher({ planIds, titles, value, onChange }: Props) {
  const t = useT();
  return (
    <Select
      size="small"
      value={value}
      onChange={onChange}
      aria-label={t("chat.choosePlan")}
      data-testid="plan-switcher"
      style={{ flex: "1 1 160px", minWidth: 0, maxWidth: "100%" }}
      popupMatchSelectWidth={false}
      options={[...planIds].reverse().map((id, i) => ({
        value: id,
        label: (
          <span data-testid="plan-switcher-option" data-plan-id={id} title={titles.get(id)}>
            {titles.has(id) ? clipWords(stripMarkdown(titles.get(id)!), SWITCHER_TITLE_CHARS) : t("chat.planNumber", { n: planIds.length - i })}
          </span>
        ),
      }))}
    />
  );
}
