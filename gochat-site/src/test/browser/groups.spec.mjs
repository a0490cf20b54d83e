// Browser test of groups on the gochat page: three users in three browser contexts make a group that needs
// approval, join it (a request approved, an invitation), chat in it, change a role, mute and remove a member.
//
//   SITE_URL        the site to test (SiteServer with a running backend: logic, task, a WebSocket server, api)
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

const log = (step) => console.log(`[groups.spec] ${step}`);
const { registerConnected, waitUntil: waitFor } = pageKit(TIMEOUT);

async function main() {
  assert.ok(SITE_URL, 'SITE_URL is required (a site with a running backend)');
  const browser = await launchChromium();
  const pageErrors = [];
  try {
    const pages = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1200, height: 760 } });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(SITE_URL);
      pages.push(page);
    }
    const [ann, ben, cy] = pages;
    const suffix = Math.random().toString(36).slice(2, 8);
    const users = { ann: `ann_${suffix}`, ben: `ben_${suffix}`, cy: `cy_${suffix}` };
    log('three users register');
    await register(ann, users.ann);
    await register(ben, users.ben);
    await register(cy, users.cy);
    const cyId = await cy.evaluate(() => window.gochat.user().userId);
    const groupName = `Climbers ${suffix}`;

    log('ann creates a group that needs approval and is its owner');
    await ann.fill(t('group-create-name'), groupName);
    await ann.selectOption(t('group-create-policy'), 'approval');
    await ann.click(t('group-create'));
    const item = ann.locator(t('group-item'), { hasText: groupName });
    await item.waitFor({ timeout: TIMEOUT });
    assert.equal(await item.getAttribute('data-role'), 'owner');
    const groupId = await item.getAttribute('data-group-id');
    await ann.locator(t('group-view')).waitFor({ state: 'visible', timeout: TIMEOUT });

    log('ben finds it by name and asks to join; ann sees the request live and approves it');
    await ben.fill(t('group-find-input'), `climbers ${suffix}`);
    await ben.click(t('group-find'));
    const result = ben.locator(`${t('group-result')}[data-group-id="${groupId}"]`);
    await result.waitFor({ timeout: TIMEOUT });
    await result.locator(t('group-join')).click();
    const request = ann.locator(t('group-request'), { hasText: users.ben });
    await request.waitFor({ timeout: TIMEOUT });
    await waitFor(ann, () => Number(document.querySelector('[data-testid="group-badge"]').textContent) > 0, 'the badge counts the request');
    await request.locator(t('group-approve')).click();
    await ben.locator(`${t('group-item')}[data-group-id="${groupId}"]`).waitFor({ timeout: TIMEOUT });

    log('ann adds cy by id (no request needed for an invitation)');
    await ann.fill(t('group-invite-input'), String(cyId));
    await ann.click(t('group-invite'));
    await cy.locator(`${t('group-item')}[data-group-id="${groupId}"]`).waitFor({ timeout: TIMEOUT });
    await expectMember(ann, users.cy, 'member');

    log('ben opens the group and writes; ann sees it live, cy sees an unread count, then the history');
    await ben.click(`${t('group-item')}[data-group-id="${groupId}"] button`);
    await ben.locator(t('group-view')).waitFor({ state: 'visible', timeout: TIMEOUT });
    await ben.fill(t('group-input'), 'hello climbers');
    await ben.click(t('group-send'));
    await expectGroupMessage(ann, 'hello climbers', users.ben);
    await waitFor(cy, (id) => document.querySelector(`[data-testid="group-item"][data-group-id="${id}"]`)?.dataset.unread === '1',
      'cy has one unread message', groupId);
    await cy.click(`${t('group-item')}[data-group-id="${groupId}"] button`);
    await expectGroupMessage(cy, 'hello climbers', users.ben);

    log('text is shown as text, never as markup');
    await ann.fill(t('group-input'), XSS);
    await ann.click(t('group-send'));
    await expectGroupMessage(ben, XSS, users.ann);
    assert.equal(await ben.evaluate(() => window.__pwned), undefined, 'no script ran');

    log('ann makes ben an admin; everyone sees the event');
    await ann.locator(t('group-member'), { hasText: users.ben }).locator(t('group-promote')).click();
    await expectMember(ann, users.ben, 'admin');
    await expectEvent(cy, `${users.ben} is now an admin`);

    log('ben (admin) mutes cy; cy is refused and nothing reaches the others');
    await ben.locator(t('group-member'), { hasText: users.cy }).locator(t('group-mute')).click();
    await expectEvent(cy, 'you were muted');
    await expectEvent(ann, `${users.cy} was muted`);
    await cy.fill(t('group-input'), 'can anyone hear me');
    await cy.click(t('group-send'));
    await waitFor(cy, () => /you are muted in group/.test(document.querySelector('[data-testid="notice"]').textContent),
      'cy is told she is muted');
    await ann.fill(t('group-input'), 'after the mute');
    await ann.click(t('group-send'));
    await expectGroupMessage(ben, 'after the mute', users.ann);
    assert.equal(await ben.locator(t('group-message'), { hasText: 'can anyone hear me' }).count(), 0, 'the muted message never arrived');

    await ann.screenshot({ path: path.join(SCREENSHOT_DIR, 'groups-owner.png') });
    await ben.screenshot({ path: path.join(SCREENSHOT_DIR, 'groups-admin.png') });

    log('ann removes cy; the group leaves cy\'s list');
    await ann.locator(t('group-member'), { hasText: users.cy }).locator(t('group-kick')).click();
    await waitFor(cy, (id) => !document.querySelector(`[data-testid="group-item"][data-group-id="${id}"]`),
      'the group is gone from cy\'s list', groupId);
    log('cy\'s badge opens her notices: added, muted, removed');
    await waitFor(cy, () => Number(document.querySelector('[data-testid="group-badge"]').textContent) >= 3, 'cy\'s badge counts her notices');
    await cy.click(t('group-badge'));
    await cy.locator(t('group-notice'), { hasText: `you were removed from ${groupName}` }).waitFor({ timeout: TIMEOUT });
    await cy.screenshot({ path: path.join(SCREENSHOT_DIR, 'groups-removed.png') });

    log('a notice kept while cy was away counts when she comes back');
    const cyContext = cy.context();
    await cy.close();
    await ann.fill(t('group-invite-input'), String(cyId));
    await ann.click(t('group-invite'));
    await expectMember(ann, users.cy, 'member');
    const cyAgain = await cyContext.newPage();
    cyAgain.on('pageerror', (e) => pageErrors.push(String(e)));
    await cyAgain.goto(SITE_URL);
    await cyAgain.waitForSelector(t('chat-view'), { state: 'visible' });
    await cyAgain.locator(`${t('group-item')}[data-group-id="${groupId}"]`).waitFor({ timeout: TIMEOUT });
    await waitFor(cyAgain, () => document.querySelector('[data-testid="group-badge"]').textContent === '1',
      'the badge counts the one notice stored while she was away');
    await cyAgain.click(t('group-badge'));
    await cyAgain.locator(t('group-notice'), { hasText: `you are in ${groupName}` }).waitFor({ timeout: TIMEOUT });

    assert.deepEqual(pageErrors, [], 'no errors in the pages');
    log('all steps passed');
  } finally {
    await browser.close();
  }
}

async function register(page, name) {
  await registerConnected(page, { name, pass: `pw-${name}` });
}


async function expectMember(page, name, role) {
  await waitFor(page, ([n, r]) => [...document.querySelectorAll('[data-testid="group-member"]')]
    .some((li) => li.dataset.userName === n && li.dataset.role === r), `${name} listed as ${role}`, [name, role]);
}

async function expectGroupMessage(page, text, author) {
  const item = page.locator(`${t('group-message')}[data-kind="group"]`).filter({ has: page.locator('.text', { hasText: text }) }).last();
  await item.waitFor({ timeout: TIMEOUT });
  assert.equal(await item.locator('.text').textContent(), text, 'shown verbatim');
  assert.match(await item.locator('.author').textContent(), new RegExp(author));
}

async function expectEvent(page, text) {
  await page.locator(`${t('group-message')}[data-kind="event"]`, { hasText: text }).first().waitFor({ timeout: TIMEOUT });
}

main().catch((e) => {
  console.error(`[groups.spec] FAIL: ${e.stack || e}`);
  process.exitCode = 1;
});
