import * as z from 'zod';
import type { Figure, SectionResult } from './report.ts';

/**
 * `tools/bench/budget.json`: the limits `npm run bench -- --check` holds the report to. Each entry names
 * figures by id, where `*` stands for one dotted segment or part of one (`export.*.*.efficiency`,
 * `bundle.size.api.*`), and names the section that produces them, so that a check of some sections
 * (`--only`) knows which entries it cannot judge.
 */
const budgetEntry = z
  .strictObject({
    section: z.string().min(1),
    id: z.string().min(1),
    max: z.number().optional(),
    min: z.number().optional(),
    unit: z.string().min(1),
    why: z.string().min(1),
    /**
     * A goal no code of ours can reach while `figure`, measured in the same run, misses it too: a
     * reference (the SDK's own client alone, say) that every figure of the entry stands on. A miss
     * is then OUT OF REACH, shown with `reason`, and passes; the day the reference meets the goal,
     * the same miss fails as OVER. Never a limit of its own: the entry keeps the goal.
     * With `*` in it, each figure has its own reference: the `*`s take, in order, what the
     * entry's `*`s matched (`bundle.size.floor.*` for `bundle.size.api.*`: each function's floor).
     */
    outOfReachWhile: z.strictObject({ figure: z.string().min(1), reason: z.string().min(1) }).optional(),
  })
  .refine((entry) => entry.max !== undefined || entry.min !== undefined, {
    message: 'A budget entry needs a max, a min, or both',
  });

export type BudgetEntry = z.output<typeof budgetEntry>;

export const parseBudget = (json: unknown): BudgetEntry[] => z.array(budgetEntry).parse(json);

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

const patternOf = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map(escapeRegExp).join('([^.]*)')}$`);

/** Whether a figure id matches a budget id: `*` matches any run of characters without a dot. */
export const matchesId = (pattern: string, id: string): boolean => patternOf(pattern).test(id);

/** The reference of the figure `id` matched by `pattern`: its `*`s filled with what the pattern's matched. */
export const referenceFor = (pattern: string, reference: string, id: string): string | undefined => {
  const matched = patternOf(pattern).exec(id);
  if (!matched) return undefined;
  const parts = matched.slice(1);
  return reference.replace(/\*/g, () => parts.shift() ?? '*');
};

export type VerdictStatus = 'ok' | 'over' | 'under' | 'out-of-reach' | 'unit' | 'missing' | 'skipped';

export interface Verdict {
  readonly entry: BudgetEntry;
  readonly status: VerdictStatus;
  /** The figure judged; absent when no figure matched the entry. */
  readonly figure?: Figure;
}

const judge = (entry: BudgetEntry, figure: Figure): VerdictStatus => {
  if (figure.unit !== entry.unit) return 'unit';
  if (entry.max !== undefined && figure.value > entry.max) return 'over';
  if (entry.min !== undefined && figure.value < entry.min) return 'under';
  return 'ok';
};

/**
 * Judges every figure each entry matches. An entry that matches nothing fails as `missing`: a
 * figure that disappeared, or a section that failed or is not registered, must not pass silently.
 * Only when some sections were chosen (`--only`) are the entries of the others `skipped`.
 */
export const checkBudget = (
  budget: readonly BudgetEntry[],
  sections: readonly SectionResult[],
  only?: ReadonlySet<string>,
): Verdict[] => {
  const figures = sections.flatMap((section) => section.figures);
  return budget.flatMap((entry): Verdict[] => {
    if (only && !only.has(entry.section)) return [{ entry, status: 'skipped' }];
    const matched = figures.filter((figure) => matchesId(entry.id, figure.id));
    if (matched.length === 0) return [{ entry, status: 'missing' }];
    const referenceMisses = (figure: Figure): boolean => {
      if (!entry.outOfReachWhile) return false;
      const id = referenceFor(entry.id, entry.outOfReachWhile.figure, figure.id);
      const reference = figures.find((candidate) => candidate.id === id);
      return reference !== undefined && ['over', 'under'].includes(judge(entry, reference));
    };
    return matched.map((figure) => {
      const status = judge(entry, figure);
      const missed = status === 'over' || status === 'under';
      return { entry, figure, status: missed && referenceMisses(figure) ? 'out-of-reach' : status };
    });
  });
};

export const passes = (verdicts: readonly Verdict[]): boolean =>
  verdicts.every((verdict) => ['ok', 'skipped', 'out-of-reach'].includes(verdict.status));

/** The limit of an entry as a table shows it: `≤ 250000`, `≥ 0.85`, `0–10` (its numbers as `format` writes them). */
export const describeLimit = (
  { min, max }: BudgetEntry,
  format: (value: number) => string = String,
): string => {
  if (min !== undefined && max !== undefined) return `${format(min)}–${format(max)}`;
  return max !== undefined ? `≤ ${format(max)}` : `≥ ${format(min!)}`;
};
