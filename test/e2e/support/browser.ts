import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Headless Chromium from Debian's packages (`.ci/run` installs it), driven by playwright-core: no
 * browser download, which no machine here could make. The flags keep Chromium off the network it
 * would otherwise reach for at start (updates, sync, QUIC), which this machine refuses.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const screenshotFolder = resolve(import.meta.dirname, '../../../test-output/browser');

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/** Saves what the page shows now as test-output/browser/<name>.png, and answers the file's path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(screenshotFolder, { recursive: true });
  const path = join(screenshotFolder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};
