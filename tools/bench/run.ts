/**
 * `npm run bench`: runs the benchmark's sections in order, writes `tools/bench/results/latest.json` and
 * prints a short table per section.
 *
 *   npm run bench                         every section
 *   npm run bench -- --only bundles,scale  some sections
 *   npm run bench -- --check              then exit 1 if a budget entry (tools/bench/budget.json) is
 *                                         exceeded or matches no figure
 *   npm run bench -- --check-only         check the existing latest.json without measuring
 *   npm run bench -- --check-only --markdown
 *                                         and print every goal beside its figures as a Markdown
 *                                         table (the one at the top of docs/performance.md)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkBudget, parseBudget, passes, type Verdict } from './lib/budget.ts';
import type { BenchReport, SectionResult } from './lib/report.ts';
import { markdownVerdicts, outOfReachLines, sectionTable, unmatchedLines } from './lib/table.ts';
import { sections } from './sections/index.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const reportPath = join(benchDir, 'results', 'latest.json');
const budgetPath = join(benchDir, 'budget.json');

const { values: flags } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    'check-only': { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const log = (message: string) => process.stderr.write(`  ${message}\n`);

const chosenSections = (): ReadonlySet<string> | undefined => {
  if (flags.only === undefined) return undefined;
  const ids = new Set(
    flags.only
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
  const known = new Set(sections.map((section) => section.id));
  const unknown = [...ids].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown section(s) ${unknown.join(', ')}; the sections are ${[...known].join(', ')}`);
  }
  return ids;
};

const machine = () => ({
  node: process.version,
  platform: process.platform,
  arch: process.arch,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
});

/** Runs the chosen sections; one that fails is reported and left out, and makes the run fail. */
const measure = async (
  only: ReadonlySet<string> | undefined,
): Promise<{ report: BenchReport; failed: string[] }> => {
  const results: SectionResult[] = [];
  const failed: string[] = [];
  for (const section of sections) {
    if (only && !only.has(section.id)) continue;
    process.stderr.write(`${section.title}\n`);
    const started = performance.now();
    try {
      const result = await section.run({ log });
      results.push({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
    } catch (error) {
      failed.push(section.id);
      process.stderr.write(`  FAILED: ${(error as Error).stack ?? String(error)}\n`);
    }
  }
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: machine(),
    command: ['npm run bench --', ...process.argv.slice(2)].join(' '),
    sections: results,
  };
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return { report, failed };
};

const readReport = async (): Promise<BenchReport> =>
  JSON.parse(await readFile(reportPath, 'utf8')) as BenchReport;

const main = async (): Promise<number> => {
  const only = chosenSections();
  const { report, failed } = flags['check-only']
    ? { report: await readReport(), failed: [] }
    : await measure(only);
  const budget = parseBudget(JSON.parse(await readFile(budgetPath, 'utf8')));
  const verdicts: Verdict[] = checkBudget(budget, report.sections, only);

  for (const section of report.sections) {
    if (only && !only.has(section.section)) continue;
    process.stdout.write(`\n${sectionTable(section, verdicts)}\n`);
  }
  if (flags.markdown) process.stdout.write(`\n${markdownVerdicts(verdicts)}\n`);
  process.stdout.write(`\nReport: ${reportPath}\n`);
  if (failed.length > 0) process.stdout.write(`Sections that failed: ${failed.join(', ')}\n`);

  if (!flags.check && !flags['check-only']) return failed.length > 0 ? 1 : 0;
  const problems = verdicts.filter((verdict) => !passes([verdict]));
  for (const line of unmatchedLines(problems)) process.stdout.write(`${line}\n`);
  for (const line of outOfReachLines(verdicts)) process.stdout.write(`${line}\n`);
  const judged = verdicts.filter((verdict) => verdict.status !== 'skipped').length;
  process.stdout.write(
    problems.length === 0
      ? `Budget: OK (${judged} checks)\n`
      : `Budget: ${problems.length} of ${judged} checks failed\n`,
  );
  return problems.length === 0 && failed.length === 0 ? 0 : 1;
};

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`npm run bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
