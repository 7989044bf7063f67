import type { Page } from "playwright-core";

/**
 * Starts recording every text the window's connection banner (`daemon-link`) shows, in the page
 * itself as the DOM changes: a banner shown only while a new ferryd starts is still seen, with
 * no poll racing it.
 */
export async function recordBanner(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __banner: string[] };
    w.__banner = [];
    const note = () => {
      const text = document.querySelector('[data-testid="daemon-link"]')?.textContent;
      if (text && w.__banner.at(-1) !== text) w.__banner.push(text);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

/** What the banner showed since `recordBanner`, one entry per change. */
export const bannerSeen = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __banner: string[] }).__banner);
