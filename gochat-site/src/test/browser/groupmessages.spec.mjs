// Browser test of typed messages, read state and recall in groups (messages.js + groups.js): ann (owner),
// ben (member) and cy (admin) in three browser contexts. ann sends every type to the group (an image and a
// file uploaded through the group's attach button); ben sees the group in his conversation list with an
// unread badge, opens it from there (the badge clears, ann's messages show "read by 1" with ben listed);
// cy, an admin, recalls ben's message from its menu and every page shows the tombstone.
//
//   SITE_URL        the site to test (a SiteServer with a running backend; required).
//   SCREENSHOT_DIR  where screenshots go (default: target).
//   CHROMIUM        browser binary (default /usr/bin/chromium). Never downloads a browser.
//
// Exit code 0 = every step passed. Uses playwright-core only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, launchChromium, pageKit, png, t } from './browser-kit.mjs';

const SITE_URL = process.env.SITE_URL;
const TIMEOUT = 20000;
const log = (step) => console.log(`[groupmessages.spec] ${step}`);
const { registerConnected, waitUntil: waitFor, waitImageLoaded } = pageKit(TIMEOUT);

async function main() {
  assert.ok(SITE_URL, 'SITE_URL is required (a site with a running backend)');
  const browser = await launchChromium();
  const pageErrors = [];
  const pages = {};
  try {
    for (const name of ['ann', 'ben', 'cy']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await ctx.newPage();
      page.setDefaultTimeout(TIMEOUT);
      page.on('pageerror', (e) => pageErrors.push(`${name}: ${e}`));
      await page.goto(SITE_URL);
      pages[name] = page;
    }
    const { ann, ben, cy } = pages;
    const suffix = Math.random().toString(36).slice(2, 8);
    log('three users register');
    for (const [name, page] of Object.entries(pages)) await register(page, `${name}_${suffix}`);
    const benName = `ben_${suffix}`;
    const cyId = await cy.evaluate(() => String(window.gochat.user().userId));

    log('ann creates an open group; ben and cy join; cy becomes an admin');
    const groupName = `Crew ${suffix}`;
    await ann.fill(t('group-create-name'), groupName);
    await ann.selectOption(t('group-create-policy'), 'open');
    await ann.click(t('group-create'));
    const item = ann.locator(t('group-item'), { hasText: groupName });
    await item.waitFor();
    const groupId = await item.getAttribute('data-group-id');
    await ann.locator(t('group-view')).waitFor({ state: 'visible' });
    for (const page of [ben, cy]) {
      const r = await page.evaluate((id) => window.gochat.api('/group/join', { groupId: id }), groupId);
      assert.equal(r.code, 0, r.message);
    }
    const promoted = await ann.evaluate(([id, user]) => window.gochat.api('/group/role', { groupId: id, userId: user, role: 'admin' }),
      [groupId, cyId]);
    assert.equal(promoted.code, 0, promoted.message);
    await cy.locator(`${t('group-item')}[data-group-id="${groupId}"][data-role="admin"]`).waitFor();

    log('ann sends every type to the group (image and file through the group attach button)');
    await ann.setInputFiles(t('group-attach-input'), { name: 'crew.png', mimeType: 'image/png', buffer: png(120, 80, (x, y) => [(x * 2) & 0xff, 90, (y * 3) & 0xff]) });
    await ann.locator(`${t('group-message')}[data-type="image"] ${t('typed-image')}`).waitFor();
    await ann.setInputFiles(t('group-attach-input'), { name: 'plan.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\nthe plan\n') });
    await ann.locator(`${t('group-message')}[data-type="file"] ${t('typed-file')}`, { hasText: 'plan.pdf' }).waitFor();
    const failed = await ann.evaluate(async (id) => {
      const m = window.gochatMessages;
      const to = { groupId: id };
      const sent = [
        await m.sendTyped('text', { text: 'hello crew' }, to),
        await m.sendTyped('link', { url: 'https://example.com/route', title: 'The route', description: 'north face' }, to),
        await m.sendTyped('location', { lat: 45.83, lng: 6.86, label: 'Mont Blanc' }, to),
        await m.sendTyped('emoji', { code: '🧗' }, to),
        await m.sendTyped('voice', { url: 'https://example.com/v.ogg', durationMs: 3000 }, to),
        await m.sendTyped('video', { url: 'https://example.com/v.mp4', durationMs: 9000 }, to),
        await m.sendTyped('contact', { userId: '42', userName: 'guide' }, to),
        await m.sendTyped('article', { title: 'Gear list', summary: 'what to bring', url: 'https://example.com/gear' }, to),
        await m.sendTyped('custom', { kind: 'poll', options: ['sat', 'sun'] }, to),
      ];
      return sent.filter((x) => !x).length;
    }, groupId);
    assert.equal(failed, 0, 'every typed send accepted');
    const TYPES = ['image', 'file', 'text', 'link', 'location', 'emoji', 'voice', 'video', 'contact', 'article', 'custom'];

    log('ben, group closed, sees it in his conversation list with an unread badge');
    const entry = ben.locator(`${t('conversation')}[data-group-id="${groupId}"]`);
    await entry.waitFor();
    await waitFor(ben, ([sel, n]) => Number(document.querySelector(sel)?.dataset.unread) === n,
      `ben's unread count reaches ${TYPES.length}`, [`${t('conversation')}[data-group-id="${groupId}"]`, TYPES.length]);
    assert.equal(await entry.locator(t('unread-badge')).textContent(), String(TYPES.length));
    assert.match(await entry.textContent(), new RegExp(groupName));
    await ben.screenshot({ path: path.join(SCREENSHOT_DIR, 'groupmessages-list.png') });

    log('ben opens the group from the list: every type renders, the badge clears');
    await entry.locator('.open-chat').click();
    await ben.locator(t('group-view')).waitFor({ state: 'visible' });
    for (const type of TYPES) {
      await ben.locator(`${t('group-message')}[data-type="${type}"] ${t('typed-body')}`).first().waitFor();
    }
    await waitImageLoaded(ben, `${t('group-message')}[data-type="image"] ${t('typed-image')}`);
    await ben.locator(`${t('group-message')}[data-type="location"] ${t('typed-location')}`, { hasText: 'Mont Blanc' }).waitFor();
    await ben.locator(`${t('group-message')}[data-type="link"] ${t('typed-link')}`, { hasText: 'The route' }).waitFor();
    await ben.locator(`${t('group-message')}[data-type="voice"] audio`).waitFor({ state: 'attached' });
    await ben.locator(`${t('group-message')}[data-type="video"] video`).waitFor({ state: 'attached' });
    assert.equal(await ben.locator(`${t('group-message')} ${t('group-recall')}`).count(), 0, 'a member may not recall others');
    await waitFor(ben, (sel) => document.querySelector(sel)?.dataset.unread === '0', 'ben\'s badge clears',
      `${t('conversation')}[data-group-id="${groupId}"]`);

    log('ann sees "read by 1" on her messages and ben among the readers');
    const lastMine = ann.locator(`${t('group-message')}[data-type="custom"] ${t('group-read-count')}`);
    await waitFor(ann, (sel) => document.querySelector(sel)?.dataset.readCount === '1', 'read by 1',
      `${t('group-message')}[data-type="custom"] ${t('group-read-count')}`);
    assert.equal(await lastMine.textContent(), 'read by 1');
    assert.equal(await lastMine.getAttribute('data-member-count'), '2', 'ben and cy');
    await lastMine.click();
    await ann.locator(`${t('group-readers')} ${t('group-reader')}`, { hasText: benName }).waitFor();
    await ann.screenshot({ path: path.join(SCREENSHOT_DIR, 'groupmessages-owner.png') });

    log('ben writes; cy, an admin, recalls it from its menu; every page shows the tombstone');
    await ben.fill(t('group-input'), 'ben says something rude');
    await ben.click(t('group-send'));
    await cy.locator(`${t('conversation')}[data-group-id="${groupId}"] .open-chat`).click();
    const rude = cy.locator(t('group-message'), { hasText: 'ben says something rude' });
    await rude.waitFor();
    const rudeId = await rude.getAttribute('data-msg-id');
    await rude.locator(t('group-recall')).click();
    for (const page of [ann, ben, cy]) {
      await waitFor(page, (sel) => document.querySelector(sel)?.dataset.recalled === 'true', 'the tombstone',
        `${t('group-message')}[data-msg-id="${rudeId}"]`);
    }
    await waitFor(ben, (sel) => document.querySelector(sel)?.textContent === 'message recalled',
      'the conversation list shows the recalled last message as such', `${t('conversation')}[data-group-id="${groupId}"] .chat-last`);
    await ben.screenshot({ path: path.join(SCREENSHOT_DIR, 'groupmessages-member.png') });
    assert.deepEqual(pageErrors, [], 'no errors in the pages');
    log(`PASS (screenshots in ${SCREENSHOT_DIR})`);
  } catch (e) {
    for (const [name, page] of Object.entries(pages)) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `groupmessages-failure-${name}.png`) }).catch(() => {});
    }
    if (pageErrors.length) console.error('page errors:', pageErrors);
    throw e;
  } finally {
    await browser.close();
  }
}

async function register(page, name) {
  await registerConnected(page, { name, pass: `pw-${name}` });
}



main().catch((e) => {
  console.error(`[groupmessages.spec] FAIL: ${e.stack || e}`);
  process.exitCode = 1;
});
