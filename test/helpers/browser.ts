/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: whether the browser tests run,
 * how Chromium is launched, where screenshots go. Never `npx playwright install`: its download
 * fails here, and CI installs Debian's package instead.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots of the browser tests: artifacts of a run, gitignored. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../artifacts/browser');

/**
 * As root Chromium needs --no-sandbox. The networking flags keep it from dialling Google's update,
 * sync and field-trial hosts, which a closed network refuses over and over.
 */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Call from a `before` hook. Without Chromium the suite is skipped with a notice nobody can miss,
 * except under CI=true, where a missing browser must fail the run instead of passing it silently.
 */
export function requireChromium(context: Mocha.Context): void {
  if (chromiumInstalled()) return;
  const message = `${CHROMIUM_PATH} is missing: install it with \`apt-get update && apt-get install -y chromium\``;
  if (process.env.CI === 'true') throw new Error(`${message}. CI=true: the browser tests must run.`);
  const rule = '!'.repeat(100);
  console.warn(`\n${rule}\n!! SKIPPING THE BROWSER TESTS: ${message}\n${rule}\n`);
  context.skip();
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, empty profile that is deleted on close. */
export async function launchChromium(viewport = { width: 1280, height: 1400 }): Promise<LaunchedChromium> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'ppa-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport,
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Saves what the page shows as artifacts/browser/<name>.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
