// Browser test of the contacts panel (contacts.js) against a real backend: three users in three browser
// contexts (two desktop, one phone) find each other, send, accept and decline friend requests (the
// receiver's badge counts them live), edit a profile and a remark, message a friend, and block: the
// blocked user is refused with a sentence and the friendship disappears from both pages; a user who was
// logged out finds the request that came meanwhile counted on the badge.
//
//   SITE_URL        the site (SiteServer with a running backend); required
//   SCREENSHOT_DIR  where screenshots go (default: target)
//   CHROMIUM        browser binary (default /usr/bin/chromium). Never downloads a browser.
//
// Exit code 0 = every step passed. Uses playwright-core only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, launchChromium, pageKit, t } from './browser-kit.mjs';

const SITE_URL = process.env.SITE_URL;
const TIMEOUT = 15000;
const XSS = '<img src=x onerror="window.__pwned=1">';

const log = (step) => console.log(`[contacts.spec] ${step}`);
const { openPage: openSite, register, login, expectText } = pageKit(TIMEOUT);
const openPage = (context, pageErrors) => openSite(context, SITE_URL, pageErrors);

async function main() {
  assert.ok(SITE_URL, 'SITE_URL must name a site with a running backend');
  const browser = await launchChromium();
  const pageErrors = [];
  try {
    const suffix = Math.random().toString(36).slice(2, 7);
    const a = { name: `ana_${suffix}`, pass: 'pw-a-' + suffix };
    const b = { name: `ben_${suffix}`, pass: 'pw-b-' + suffix };
    const c = { name: `cal_${suffix}`, pass: 'pw-c-' + suffix };
    const ana = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }), pageErrors);
    const ben = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }), pageErrors);
    const cal = await openPage(await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true }), pageErrors);

    log('three users register');
    await register(ana, a);
    await register(ben, b);
    await register(cal, c);

    log('ana edits her profile: nickname and status');
    await ana.click(t('contacts-toggle'));
    await ana.waitForSelector(t('contacts-panel'), { state: 'visible' });
    await ana.fill(t('profile-nickname'), 'Ana from work');
    await ana.selectOption(t('profile-status'), 'busy');
    await ana.click(t('profile-save'));
    await expectNotice(ana, 'Profile saved.');

    log('ana finds ben and sends a request with a note; ben\'s badge counts it live');
    await ana.fill(t('search-input'), b.name.slice(0, 6).toUpperCase());
    await ana.fill(t('request-note'), "I'm Ana from work");
    await ana.click(t('search'));
    await ana.click(`${t('search-result')}[data-user-name="${b.name}"] ${t('add-friend')}`);
    await waitFor(ana, `${t('request')}[data-direction="outgoing"]`);
    await expectText(ben, t('contacts-badge'), '1');

    log('ben opens the panel, sees the note, accepts; both friend lists show each other');
    await ben.click(t('contacts-toggle'));
    await expectHidden(ben, t('contacts-badge'));
    const incoming = `${t('request')}[data-direction="incoming"]`;
    await waitFor(ben, incoming);
    assert.match(await ben.textContent(incoming), /I'm Ana from work/);
    await ben.click(`${incoming} ${t('accept-request')}`);
    await waitFor(ben, `${t('friend')}[data-user-name="${a.name}"]`);
    await waitFor(ana, `${t('friend')}[data-user-name="${b.name}"]`);
    const anaForBen = `${t('friend')}[data-user-name="${a.name}"]`;
    await expectText(ben, `${anaForBen} .friend-name`, 'Ana from work');
    await expectAttr(ben, anaForBen, 'data-status', 'busy');

    log('ben gives ana a remark, then messages her from the friend list');
    await ben.click(`${anaForBen} ${t('remark-friend')}`);
    await ben.fill(`${anaForBen} ${t('remark-input')}`, 'Ana (work)');
    await ben.click(`${anaForBen} ${t('remark-save')}`);
    await expectText(ben, `${anaForBen} .friend-name`, 'Ana (work)');
    await ben.click(`${anaForBen} ${t('message-friend')}`);
    await ben.waitForSelector(t('private-form'), { state: 'visible' });
    await ben.fill(t('private-input'), 'hi ana, ben here');
    await ben.click(t('send-private'));
    await ana.locator(t('message')).filter({ hasText: 'hi ana, ben here' }).first().waitFor();

    log('cal asks ana with a hostile note; ana declines; the note is shown as text');
    await cal.click(t('contacts-toggle'));
    await cal.fill(t('search-input'), a.name);
    await cal.fill(t('request-note'), XSS);
    await cal.click(t('search'));
    await cal.click(`${t('search-result')}[data-user-name="${a.name}"] ${t('add-friend')}`);
    await waitFor(ana, `${t('request')}[data-direction="incoming"]`);
    assert.ok((await ana.textContent(`${t('request')}[data-direction="incoming"]`)).includes(XSS), 'the note is text');
    await screenshot(ana, 'contacts-ana.png');
    await screenshot(cal, 'contacts-cal-phone.png');
    await ana.click(`${t('request')}[data-direction="incoming"] ${t('decline-request')}`);
    await waitForCount(cal, t('request'), 0);
    await waitForCount(cal, t('friend'), 0);

    log('ben blocks ana: the friendship goes from both pages and her message is refused with a sentence');
    await ben.click(`${anaForBen} ${t('block-friend')}`);
    await waitFor(ben, `${t('blocked-user')}`);
    await waitForCount(ben, t('friend'), 0);
    await waitForCount(ana, t('friend'), 0);
    const bId = await ben.evaluate(() => window.gochat.user().userId);
    await ana.click(`${t('member')}[data-user-name="${b.name}"] button`);
    await ana.fill(t('private-input'), 'why?');
    await ana.click(t('send-private'));
    await expectNotice(ana, `Not sent: user ${bId} has blocked you`);
    await screenshot(ben, 'contacts-ben.png');

    log('ben unblocks ana');
    await ben.click(`${t('blocked-user')} ${t('unblock-user')}`);
    await waitForCount(ben, t('blocked-user'), 0);

    log('cal is away when ana asks again; back, cal\'s badge shows the stored request and cal accepts');
    await cal.click(t('logout'));
    await cal.waitForSelector(t('auth-view'), { state: 'visible' });
    await ana.fill(t('search-input'), c.name);
    await ana.fill(t('request-note'), 'sorry, cal: friends?');
    await ana.click(t('search'));
    await ana.click(`${t('search-result')}[data-user-name="${c.name}"] ${t('add-friend')}`);
    await waitFor(ana, `${t('request')}[data-direction="outgoing"]`);
    await login(cal, c);
    await expectText(cal, t('contacts-badge'), '1');
    await cal.click(t('contacts-toggle'));
    await cal.click(`${t('request')}[data-direction="incoming"] ${t('accept-request')}`);
    await waitFor(ana, `${t('friend')}[data-user-name="${c.name}"]`);
    await waitFor(cal, `${t('friend')}[data-user-name="${a.name}"]`);

    for (const p of [ana, ben, cal]) {
      assert.equal(await p.evaluate(() => window.__pwned), undefined, 'no script ran from user text');
    }
    assert.deepEqual(pageErrors, [], 'no page errors');
    log('all steps passed');
  } finally {
    await browser.close();
  }
}




async function screenshot(page, file) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
}

async function waitFor(page, selector) {
  await page.waitForSelector(selector, { state: 'attached' });
}

async function waitForCount(page, selector, n) {
  await page.waitForFunction(([sel, want]) => document.querySelectorAll(sel).length === want, [selector, n], { timeout: TIMEOUT })
    .catch(async () => {
      throw new Error(`${selector}: expected ${n}, saw ${await page.$$eval(selector, (els) => els.length)}`);
    });
}


async function expectAttr(page, selector, attr, value) {
  await page.waitForFunction(([sel, a, want]) => document.querySelector(sel)?.getAttribute(a) === want,
    [selector, attr, value], { timeout: TIMEOUT }).catch(async () => {
    throw new Error(`${selector}: expected ${attr}="${value}", saw "${await page.getAttribute(selector, attr)}"`);
  });
}

async function expectHidden(page, selector) {
  await page.waitForSelector(selector, { state: 'hidden' });
}

async function expectNotice(page, text) {
  await page.waitForFunction((want) => {
    const n = document.querySelector('[data-testid="notice"]');
    return n && !n.hidden && n.textContent.includes(want);
  }, text, { timeout: TIMEOUT }).catch(async () => {
    throw new Error(`notice: expected "${text}", saw "${await page.textContent(t('notice'))}"`);
  });
}

main().catch((e) => {
  console.error(`[contacts.spec] FAILED: ${e.stack || e}`);
  process.exit(1);
});
