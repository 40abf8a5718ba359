"use client";
import { Input, type InputRef } from "antd";
import { useEffect, useRef, useState } from "react";
import { PLAN_LIMITS } from "@/lib/shared/plans";
import styles from "./plan-tree-view.module.css";

type Props = {
  /** The text it starts with (selected). */
  initial: string;
  /** Enter, or leaving the field: the typed text (the caller decides whether it changed). */
  onCommit: (value: string) => void;
  /** Escape. */
  onCancel: () => void;
  placeholder?: string;
  ariaLabel: string;
  testId: string;
};

/**
 * The inline title field of the plan tree (rename, new task): focused with
 * its text selected; Enter commits (not while an IME is composing, e.g.
 * pinyin), Escape cancels, leaving the field commits. Calls one of
 * onCommit/onCancel once. At most PLAN_LIMITS.maxTitleChars characters.
 */
export function PlanTitleInput({ initial, onCommit, onCancel, placeholder, ariaLabel, testId }: Props) {
  const [value, setValue] = useState(initial);
  const ref = useRef<InputRef>(null);
  const done = useRef(false);

  useEffect(() => {
    ref.current?.focus({ cursor: "all" });
  }, []);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(value);
    else onCancel();
  };

  return (
    <Input
      ref={ref}
      size="small"
      className={styles.titleInput}
      value={value}
      maxLength={PLAN_LIMITS.maxTitleChars}
      placeholder={placeholder}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && !e.nativeEvent.isComposing && e.keyCode !== 229) {
          e.preventDefault();
          finish(true);
        } else if (e.key === "Escape") {
          // Only the field: not a drawer or dialog around the tree.
          e.preventDefault();
          e.stopPropagation();
          finish(false);
        }
      }}
      onBlur={() => finish(true)}
      // Clicks and drags inside the field stay in it (not the tree's node).
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
      draggable={false}
      onDragStart={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
    />
  );
}
