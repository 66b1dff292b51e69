import { describe, expect, it } from 'vitest';
import {
  type BudgetEntry,
  checkBudget,
  matchesId,
  parseBudget,
  passes,
  referenceFor,
} from '../../lib/budget.ts';
import type { Figure, SectionResult } from '../../lib/report.ts';

const figure = (id: string, value: number, unit = 'bytes'): Figure => ({ id, value, unit, method: 'test' });

const section = (id: string, figures: Figure[]): SectionResult => ({
  section: id,
  title: id,
  figures,
  seconds: 1,
});

const entry = (fields: Partial<BudgetEntry> & Pick<BudgetEntry, 'id'>): BudgetEntry => ({
  section: 'bundles',
  unit: 'bytes',
  why: 'test',
  ...fields,
});

describe('matchesId', () => {
  it.each([
    ['bundle.size.api.*', 'bundle.size.api.reseller-create', true],
    ['bundle.size.api.*', 'bundle.size.worker.export-batch', false],
    ['export.*.*.efficiency', 'export.economic.5rps.efficiency', true],
    ['export.economic.*.callsPerInvoice', 'export.uniconta.5rps.callsPerInvoice', false],
    ['roundTrips.dynamodb.create.10', 'roundTrips.dynamodb.create.10', true],
    ['roundTrips.dynamodb.create.10', 'roundTrips.dynamodb.create.1000', false],
    ['roundTrips.dynamodb.create.1*', 'roundTrips.dynamodb.create.1000', true],
  ])('%s against %s is %s', (pattern, id, expected) => {
    // Act
    const matched = matchesId(pattern, id);

    // Assess
    expect(matched).toBe(expected);
  });

  it('lets * stand for one segment only, never for a dot', () => {
    // Act
    const matched = matchesId('bundle.size.*', 'bundle.size.api.reseller-create');

    // Assess
    expect(matched).toBe(false);
  });
});

describe('checkBudget, a goal out of reach', () => {
  const goal = entry({
    id: 'bundle.importRatio.api.*',
    max: 5,
    unit: 'ratio',
    outOfReachWhile: { figure: 'bundle.importRatio.reference.sdk', reason: 'the SDK alone is slower' },
  });

  it('passes a miss as out of reach while the reference misses the goal too', () => {
    // Prepare
    const report = [
      section('bundles', [
        figure('bundle.importRatio.reference.sdk', 7.7, 'ratio'),
        figure('bundle.importRatio.api.reseller-get', 10.4, 'ratio'),
        figure('bundle.importRatio.api.api-docs', 2.2, 'ratio'),
      ]),
    ];

    // Act
    const verdicts = checkBudget([goal], report);

    // Assess
    expect(verdicts.map((verdict) => [verdict.figure?.id, verdict.status])).toEqual([
      ['bundle.importRatio.api.reseller-get', 'out-of-reach'],
      ['bundle.importRatio.api.api-docs', 'ok'],
    ]);
    expect(passes(verdicts)).toBe(true);
  });

  it('fails the miss as over once the reference meets the goal', () => {
    // Prepare
    const report = [
      section('bundles', [
        figure('bundle.importRatio.reference.sdk', 4.9, 'ratio'),
        figure('bundle.importRatio.api.reseller-get', 10.4, 'ratio'),
      ]),
    ];

    // Act
    const verdicts = checkBudget([goal], report);

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['over']);
    expect(passes(verdicts)).toBe(false);
  });

  it('fails the miss as over when the run has no reference figure', () => {
    // Prepare
    const report = [section('bundles', [figure('bundle.importRatio.api.reseller-get', 10.4, 'ratio')])];

    // Act
    const verdicts = checkBudget([goal], report);

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['over']);
  });

  it('judges each figure against its own reference when the reference names one with *', () => {
    // Prepare: export-request's floor misses the goal, reseller-get's meets it
    const perFunction = entry({
      id: 'bundle.size.api.*',
      max: 250_000,
      outOfReachWhile: { figure: 'bundle.size.floor.*', reason: 'its clients alone weigh more' },
    });
    const report = [
      section('bundles', [
        figure('bundle.size.floor.export-request', 280_000),
        figure('bundle.size.floor.reseller-get', 240_000),
        figure('bundle.size.api.export-request', 405_000),
        figure('bundle.size.api.reseller-get', 272_000),
        figure('bundle.size.api.invoice-create', 339_000),
      ]),
    ];

    // Act
    const verdicts = checkBudget([perFunction], report);

    // Assess: invoice-create has no floor in this run, so its miss is a plain miss
    expect(verdicts.map((verdict) => [verdict.figure?.id, verdict.status])).toEqual([
      ['bundle.size.api.export-request', 'out-of-reach'],
      ['bundle.size.api.reseller-get', 'over'],
      ['bundle.size.api.invoice-create', 'over'],
    ]);
    expect(passes(verdicts)).toBe(false);
  });

  it.each([
    [
      'bundle.size.api.*',
      'bundle.size.floor.*',
      'bundle.size.api.export-request',
      'bundle.size.floor.export-request',
    ],
    ['export.*.*.efficiency', 'export.*.floor', 'export.uniconta.10rps.efficiency', 'export.uniconta.floor'],
    [
      'bundle.importRatio.api.*',
      'bundle.importRatio.reference.sdk',
      'bundle.importRatio.api.x',
      'bundle.importRatio.reference.sdk',
    ],
  ])('names the reference of %s’s figure: %s for %s is %s', (pattern, reference, id, expected) => {
    // Act
    const named = referenceFor(pattern, reference, id);

    // Assess
    expect(named).toBe(expected);
  });

  it('reads the reference from budget.json and refuses one without its reason', () => {
    // Act
    const read = () =>
      parseBudget([{ ...goal, outOfReachWhile: { figure: 'bundle.importRatio.reference.sdk' } }]);

    // Assess
    expect(read).toThrow();
    expect(parseBudget([goal])[0]?.outOfReachWhile?.figure).toBe('bundle.importRatio.reference.sdk');
  });
});

describe('checkBudget', () => {
  it('passes figures within a max and fails the one over it', () => {
    // Prepare
    const budget = [entry({ id: 'bundle.size.api.*', max: 250_000 })];
    const report = [
      section('bundles', [
        figure('bundle.size.api.reseller-get', 249_999),
        figure('bundle.size.api.invoice-create', 250_001),
      ]),
    ];

    // Act
    const verdicts = checkBudget(budget, report);

    // Assess
    expect(verdicts.map((verdict) => [verdict.figure?.id, verdict.status])).toEqual([
      ['bundle.size.api.reseller-get', 'ok'],
      ['bundle.size.api.invoice-create', 'over'],
    ]);
    expect(passes(verdicts)).toBe(false);
  });

  it('fails a figure under a min and passes one exactly at it', () => {
    // Prepare
    const budget = [entry({ section: 'export', id: 'export.*.*.efficiency', min: 0.85, unit: 'ratio' })];
    const report = [
      section('export', [
        figure('export.economic.5rps.efficiency', 0.85, 'ratio'),
        figure('export.uniconta.2rps.efficiency', 0.84, 'ratio'),
      ]),
    ];

    // Act
    const verdicts = checkBudget(budget, report);

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['ok', 'under']);
  });

  it('fails an entry no figure matches, even when its section is absent from the report', () => {
    // Prepare
    const budget = [
      entry({ id: 'bundle.size.api.*', max: 250_000 }),
      entry({ section: 'scale', id: 'scale.maxLines', min: 10_000, unit: 'lines' }),
    ];
    const report = [section('bundles', [figure('bundle.size.worker.export-batch', 100)])];

    // Act
    const verdicts = checkBudget(budget, report);

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['missing', 'missing']);
    expect(passes(verdicts)).toBe(false);
  });

  it('skips the entries of sections left out with --only, and still fails a missing figure of one run', () => {
    // Prepare
    const budget = [
      entry({ id: 'bundle.importMedianMs.api.*', max: 80, unit: 'ms' }),
      entry({ section: 'scale', id: 'scale.maxLines', min: 10_000, unit: 'lines' }),
    ];

    // Act
    const verdicts = checkBudget(budget, [section('bundles', [])], new Set(['bundles']));

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['missing', 'skipped']);
  });

  it('fails a figure measured in another unit than its budget', () => {
    // Prepare
    const budget = [entry({ id: 'bundle.size.api.*', max: 250, unit: 'KB' })];
    const report = [section('bundles', [figure('bundle.size.api.reseller-get', 200, 'bytes')])];

    // Act
    const verdicts = checkBudget(budget, report);

    // Assess
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['unit']);
  });

  it('passes when every entry is within its limits or skipped', () => {
    // Prepare
    const budget = [
      entry({ id: 'bundle.importRatio.api.*', min: 1, max: 40, unit: 'ratio' }),
      entry({ section: 'scale', id: 'scale.maxLines', min: 10_000, unit: 'lines' }),
    ];
    const report = [section('bundles', [figure('bundle.importRatio.api.reseller-get', 12, 'ratio')])];

    // Act
    const verdicts = checkBudget(budget, report, new Set(['bundles']));

    // Assess
    expect(passes(verdicts)).toBe(true);
  });
});

describe('parseBudget', () => {
  it('refuses an entry with neither max nor min', () => {
    // Act
    const parse = () => parseBudget([{ section: 'bundles', id: 'x', unit: 'ms', why: 'because' }]);

    // Assess
    expect(parse).toThrowError(/max, a min, or both/);
  });
});
