import type { ItemCategory, ItemUnit } from '@anbu/contracts';

/** The follow-up need as the form holds it (text fields as typed). */
export interface FollowUpDraft {
  readonly category: ItemCategory;
  readonly quantity: string;
  readonly unit: ItemUnit;
  readonly deadline: string;
}

/** A follow-up ready to send with the resolution. */
export interface FollowUp {
  readonly category: ItemCategory;
  readonly quantity: number;
  readonly unit: ItemUnit;
  readonly deadline: string;
}

/** What is wrong with a draft, by field. */
export type FollowUpErrors = Partial<
  Record<'quantity' | 'deadline', 'quantityInvalid' | 'neededByInvalid'>
>;

/**
 * Checks a follow-up draft against what the care service accepts: a whole quantity of at least
 * one and a day that is not in the past (`today` is Korea's, `YYYY-MM-DD`).
 */
export function parseFollowUp(
  draft: FollowUpDraft,
  today: string,
): { ok: true; value: FollowUp } | { ok: false; errors: FollowUpErrors } {
  const errors: FollowUpErrors = {};
  const quantity = Number(draft.quantity);
  if (!/^\d+$/.test(draft.quantity.trim()) || quantity < 1 || quantity > 1_000_000) {
    errors.quantity = 'quantityInvalid';
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.deadline) || draft.deadline < today) {
    errors.deadline = 'neededByInvalid';
  }
  if (errors.quantity || errors.deadline) return { ok: false, errors };
  return {
    ok: true,
    value: { category: draft.category, quantity, unit: draft.unit, deadline: draft.deadline },
  };
}
