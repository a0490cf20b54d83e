// What the *.spec.mjs browser tests share: Debian's Chromium, pages on the site, signing up and logging in,
// and waits that fail with a sentence. Uses playwright-core only; never downloads a browser.
//
//   CHROMIUM        browser binary (default /usr/bin/chromium).
//   SCREENSHOT_DIR  where screenshots go (default: target, relative to the current directory).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || 'target');
export const t = (id) => `[data-testid="${id}"]`;

/** Headless Chromium, once the binary is there and SCREENSHOT_DIR exists. */
export async function launchChromium() {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: install Debian packages chromium chromium-driver (no browser download)`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The helpers, each waiting up to {@code timeout} ms. */
export function pageKit(timeout) {
  /** A new page of {@code context} on the login form; page errors are collected in {@code pageErrors}. */
  async function openPage(context, siteUrl, pageErrors) {
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(siteUrl);
    await page.waitForSelector(t('login'));
    return page;
  }
  async function submit(page, user, button) {
    await page.fill(t('username'), user.name);
    await page.fill(t('password'), user.pass);
    await page.click(t(button));
    await page.waitForSelector(t('chat-view'), { state: 'visible' });
  }
  /** Registers {@code user} ({name, pass}) and waits until the page names them. */
  async function register(page, user) {
    await submit(page, user, 'register');
    await expectText(page, t('current-user'), user.name);
  }
  /** Logs {@code user} in and waits until the page names them. */
  async function login(page, user) {
    await submit(page, user, 'login');
    await expectText(page, t('current-user'), user.name);
  }
  /** Registers {@code user} and waits until the page's socket is connected. */
  async function registerConnected(page, user) {
    await submit(page, user, 'register');
    await expectConnected(page);
  }
  async function expectConnected(page) {
    await page.waitForFunction((sel) => document.querySelector(sel).dataset.state === 'connected',
      t('connection-status'), { timeout });
  }
  async function expectText(page, selector, text) {
    await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
      [selector, text], { timeout }).catch(async () => {
      throw new Error(`${selector}: expected "${text}", saw "${await page.textContent(selector).catch(() => null)}"`);
    });
  }
  async function expectMembers(page, names) {
    const want = [...names].sort();
    await page.waitForFunction(([sel, w]) => {
      const have = [...document.querySelectorAll(sel)].map((li) => li.dataset.userName).sort();
      return JSON.stringify(have) === JSON.stringify(w);
    }, [t('member'), want], { timeout }).catch(async () => {
      const have = await page.$$eval(t('member'), (els) => els.map((li) => li.dataset.userName));
      throw new Error(`members: expected ${JSON.stringify(want)}, saw ${JSON.stringify(have)}`);
    });
  }
  async function countMessages(page, text) {
    return page.$$eval(`${t('message')} .text`, (els, want) => els.filter((e) => e.textContent === want).length, text);
  }
  /** Waits until {@code fn(arg)} is true in the page; else fails naming {@code what}. */
  async function waitUntil(page, fn, what, arg) {
    await page.waitForFunction(fn, arg, { timeout }).catch(() => {
      throw new Error(`never happened: ${what}`);
    });
  }
  async function waitImageLoaded(page, selector) {
    await page.waitForFunction((sel) => {
      const img = document.querySelector(sel);
      return img && img.complete && img.naturalWidth > 0;
    }, selector).catch(async () => {
      const src = await page.getAttribute(selector, 'src').catch(() => '(none)');
      throw new Error(`image ${selector} did not load (src ${src})`);
    });
  }
  return { openPage, register, login, registerConnected, expectConnected, expectText, expectMembers, countMessages,
    waitUntil, waitImageLoaded };
}

// ---------- a PNG made here (no image library) ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A {@code w}×{@code h} RGB PNG whose pixel at (x, y) is {@code rgb(x, y)} = [r, g, b]. */
export function png(w, h, rgb) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2;   // 8-bit RGB; compression, filter and interlace 0
  const raw = Buffer.alloc((w * 3 + 1) * h);   // each row starts with filter type 0
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      [raw[o], raw[o + 1], raw[o + 2]] = rgb(x, y);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
