import type { MailContent, MailTable } from './mail-content.ts';

/**
 * The plain-text part: the same content as the HTML part, for mail clients that show only text and
 * for people who prefer it. A table becomes a list, one line per row, its cells in the headings'
 * order; an empty cell is a dash, so the cells after it keep their place.
 */
const cellSeparator = ' | ';

const tableLines = (table: MailTable): string[] => [
  `${table.headings.join(cellSeparator)}:`,
  ...table.rows.map((row) => `- ${row.map((cell) => cell || '–').join(cellSeparator)}`),
  ...(table.total ? [`${table.total.label}: ${table.total.value}`] : []),
  ...(table.note ? [table.note] : []),
];

export const renderTextMail = (content: MailContent): string =>
  [
    [content.greeting],
    content.paragraphs,
    content.table ? tableLines(content.table) : [],
    content.nextSteps
      ? [
          `${content.nextSteps.heading}:`,
          ...content.nextSteps.steps.map((step, index) => `${index + 1}. ${step}`),
        ]
      : [],
    [content.footer],
  ]
    .filter((block) => block.length > 0)
    .map((block) => block.join('\n'))
    .join('\n\n');
