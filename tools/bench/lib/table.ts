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

const markdownNumber = (value: number): string =>
  Number.isInteger(value) && Math.abs(value) >= 1000 ? value.toLocaleString('en-US') : String(value);

const markdownRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** How many figures of a group had each verdict, the failing ones first: `21 OVER, 8 OK`. */
const verdictCounts = (verdicts: readonly Verdict[]): string => {
  const order: Verdict['status'][] = ['over', 'under', 'unit', 'missing', 'out-of-reach', 'ok', 'skipped'];
  return order
    .map((status) => [status, verdicts.filter((verdict) => verdict.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${verdictLabel[status]}`)
    .join(', ');
};

/**
 * Every budget entry with what the report measured for it, as a Markdown table for
 * docs/performance.md (`npm run bench -- --check-only --markdown`): the goals beside the figures,
 * in the budget's order. An entry over one kind of figure per function (`bundle.size.api.*`) is one
 * row: the range measured and how many figures each verdict had; any other entry has a row per
 * figure it matched, so a miss is named.
 */
export const markdownVerdicts = (verdicts: readonly Verdict[]): string => {
  const rows = [
    markdownRow(['section', 'figure', 'value', 'unit', 'goal', 'check']),
    markdownRow(['---', '---', '---:', '---', '---', '---']),
  ];
  const entries = [...new Set(verdicts.map((verdict) => verdict.entry))];
  for (const entry of entries) {
    const judged = verdicts.filter((verdict) => verdict.entry === entry);
    const measured = judged.filter((verdict) => verdict.figure !== undefined);
    const goal = describeLimit(entry, markdownNumber);
    if (measured.length === 0) {
      rows.push(
        markdownRow([entry.section, entry.id, '', entry.unit, goal, verdictLabel[judged[0]!.status]]),
      );
    } else if (entry.id.endsWith('.*') && measured.length > 1) {
      const values = measured.map((verdict) => verdict.figure!.value);
      const range = `${markdownNumber(Math.min(...values))}–${markdownNumber(Math.max(...values))}`;
      rows.push(
        markdownRow([
          entry.section,
          `${entry.id} (${measured.length})`,
          range,
          entry.unit,
          goal,
          verdictCounts(measured),
        ]),
      );
    } else {
      for (const verdict of measured) {
        const figure = verdict.figure!;
        rows.push(
          markdownRow([
            entry.section,
            figure.id,
            markdownNumber(figure.value),
            figure.unit,
            goal,
            verdictLabel[verdict.status],
          ]),
        );
      }
    }
  }
  return rows.join('\n');
};
