import { describeLimit, passes, type Verdict } from './budget.ts';
import type { SectionResult } from './report.ts';

const verdictLabel: Record<Verdict['status'], string> = {
  ok: 'OK',
  over: 'OVER',
  under: 'UNDER',
  'out-of-reach': 'OUT OF REACH',
  unit: 'UNIT?',
  missing: 'MISSING',
  skipped: 'skipped',
};

const pad = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** One section as a short table: id, value, unit, and the budget's limit and verdict where one applies. */
export const sectionTable = (section: SectionResult, verdicts: readonly Verdict[]): string => {
  const rows = [['id', 'value', 'unit', 'budget', '']];
  for (const figure of section.figures) {
    const judged = verdicts.filter((verdict) => verdict.figure === figure);
    // The failing verdict is the one worth showing when several entries match a figure.
    const shown =
      judged.find((verdict) => !passes([verdict])) ??
      judged.find((verdict) => verdict.status !== 'ok') ??
      judged[0];
    rows.push([
      figure.id,
      String(figure.value),
      figure.unit,
      shown ? describeLimit(shown.entry) : '',
      shown ? verdictLabel[shown.status] : '',
    ]);
  }
  return `== ${section.title} (${section.section}, ${section.seconds.toFixed(1)} s)\n${pad(rows)}`;
};

/** The entries that matched no figure: a table of figures cannot show them. */
export const unmatchedLines = (verdicts: readonly Verdict[]): string[] =>
  verdicts
    .filter((verdict) => verdict.status === 'missing')
    .map(
      (verdict) =>
        `MISSING  ${verdict.entry.id} (${verdict.entry.section}, ${describeLimit(verdict.entry)} ${verdict.entry.unit}): no figure in the report`,
    );

/** Each entry whose misses are out of reach, once, with its reason and the reference that holds it there. */
export const outOfReachLines = (verdicts: readonly Verdict[]): string[] => {
  const entries = new Set(
    verdicts.filter((verdict) => verdict.status === 'out-of-reach').map((v) => v.entry),
  );
  return [...entries].map((entry) => {
    const misses = verdicts.filter((verdict) => verdict.entry === entry && verdict.status === 'out-of-reach');
    const values = misses.map((verdict) => verdict.figure!.value);
    const reference = entry.outOfReachWhile!.figure;
    const whose = reference.includes('*') ? `each one's ${reference}` : reference;
    return `OUT OF REACH  ${entry.id} (${describeLimit(entry)} ${entry.unit}; ${misses.length} figures, ${Math.min(...values)}–${Math.max(...values)}): ${entry.outOfReachWhile!.reason} (${whose} misses it too)`;
  });
};
