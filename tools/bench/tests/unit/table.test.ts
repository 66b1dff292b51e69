import { describe, expect, it } from 'vitest';
import { type BudgetEntry, checkBudget } from '../../lib/budget.ts';
import type { Figure, SectionResult } from '../../lib/report.ts';
import { markdownVerdicts } from '../../lib/table.ts';

const figure = (id: string, value: number, unit: string): Figure => ({ id, value, unit, method: 'test' });

const section = (id: string, figures: Figure[]): SectionResult => ({
  section: id,
  title: id,
  figures,
  seconds: 1,
});

const entry = (fields: Partial<BudgetEntry> & Pick<BudgetEntry, 'id' | 'section' | 'unit'>): BudgetEntry => ({
  why: 'test',
  ...fields,
});

describe('markdownVerdicts', () => {
  it('shows a per-function entry as one row with its range and its verdicts counted, and any other entry a row per figure', () => {
    // Prepare: three API bundles (two over), two export efficiencies (one under), a figure with no entry
    const budget = [
      entry({ section: 'bundles', id: 'bundle.size.api.*', unit: 'bytes', max: 256000 }),
      entry({ section: 'export', id: 'export.*.*rps.efficiency', unit: 'ratio', min: 0.95 }),
    ];
    const report = [
      section('bundles', [
        figure('bundle.size.api.invoice-get', 283497, 'bytes'),
        figure('bundle.size.api.reseller-get', 248622, 'bytes'),
        figure('bundle.size.api.export-request', 365462, 'bytes'),
      ]),
      section('export', [
        figure('export.economic.5rps.efficiency', 0.97, 'ratio'),
        figure('export.economic.10rps.efficiency', 0.948, 'ratio'),
        figure('export.economic.10rps.wallSeconds', 106.3, 's'),
      ]),
    ];

    // Act
    const table = markdownVerdicts(checkBudget(budget, report));

    // Assess
    expect(table.split('\n')).toEqual([
      '| section | figure | value | unit | goal | check |',
      '| --- | --- | ---: | --- | --- | --- |',
      '| bundles | bundle.size.api.* (3) | 248,622–365,462 | bytes | ≤ 256,000 | 2 OVER, 1 OK |',
      '| export | export.economic.5rps.efficiency | 0.97 | ratio | ≥ 0.95 | OK |',
      '| export | export.economic.10rps.efficiency | 0.948 | ratio | ≥ 0.95 | UNDER |',
    ]);
  });

  it('names an entry no figure matched, and one whose section was not run', () => {
    // Prepare
    const budget = [
      entry({ section: 'scale', id: 'scale.maxLines', unit: 'lines', min: 10000 }),
      entry({ section: 'latency', id: 'latency.get.10000.p50Ms', unit: 'ms', max: 100 }),
    ];

    // Act
    const table = markdownVerdicts(checkBudget(budget, [section('scale', [])], new Set(['scale'])));

    // Assess
    expect(table.split('\n').slice(2)).toEqual([
      '| scale | scale.maxLines |  | lines | ≥ 10,000 | MISSING |',
      '| latency | latency.get.10000.p50Ms |  | ms | ≤ 100 | skipped |',
    ]);
  });

  it('counts out-of-reach misses apart from the failing ones', () => {
    // Prepare: an entry held out of reach by each function's floor; one floor misses the goal too
    const budget = [
      entry({
        section: 'bundles',
        id: 'bundle.size.api.*',
        unit: 'bytes',
        max: 256000,
        outOfReachWhile: { figure: 'bundle.size.floor.*', reason: 'the SDK' },
      }),
    ];
    const report = [
      section('bundles', [
        figure('bundle.size.api.export-request', 365462, 'bytes'),
        figure('bundle.size.api.invoice-get', 283497, 'bytes'),
        figure('bundle.size.floor.export-request', 280000, 'bytes'),
        figure('bundle.size.floor.invoice-get', 240000, 'bytes'),
      ]),
    ];

    // Act
    const table = markdownVerdicts(checkBudget(budget, report));

    // Assess
    expect(table.split('\n')[2]).toBe(
      '| bundles | bundle.size.api.* (2) | 283,497–365,462 | bytes | ≤ 256,000 | 1 OVER, 1 OUT OF REACH |',
    );
  });
});
