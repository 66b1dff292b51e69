/** The text a mail client shows for the character references Mustache writes. */
export const shown = (html: string): string =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x2F;', '/')
    .replaceAll('&#x60;', '`')
    .replaceAll('&#x3D;', '=')
    .replaceAll('&amp;', '&');

/**
 * The markup alone: every tag with its attributes, the text between them left out. Two e-mails
 * with the same markup differ only in text, so no value added a tag or an attribute.
 */
export const markupOf = (html: string): string => html.replace(/>[^<]*</g, '><');

/** The cells of each row of the data table (its heading, rows and total), as HTML; none without one. */
export const tableRows = (html: string): string[][] => {
  const table = /<thead>(.*)<\/tbody>/s.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map(([, row]) =>
    [...row!.matchAll(/>([^<]*)<\/t[dh]>/g)].map(([, text]) => text!),
  );
};
