// Browser test of the gochat demo chat page: two users in two browser contexts chat in room 1.
//
//   SITE_URL        the site to test, e.g. http://127.0.0.1:8080 (SiteServer with a running backend).
//                   When unset, an in-process fake backend (fake-backend.mjs) serves the page and the api.
//   SCREENSHOT_DIR  where screenshots go (default: target, relative to the current directory).
//   CHROMIUM        browser binary (default /usr/bin/chromium). Never downloads a browser.
//   FAKE_ADMIN_URL  optional: base URL of a fake backend; enables the "dropped connection" step
//                   (set automatically when the in-process fake is used).
//
// Exit code 0 = every step passed. Uses playwright-core only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, launchChromium, pageKit, t } from './browser-kit.mjs';

const TIMEOUT = 15000;
const XSS = '<img src=x onerror="window.__pwned=1">';

const log = (step) => console.log(`[chat.spec] ${step}`);
const { openPage, register, login, expectConnected, expectText, expectMembers, countMessages } = pageKit(TIMEOUT);

async function main() {
  let fake = null;
  let siteUrl = process.env.SITE_URL;
  let adminUrl = process.env.FAKE_ADMIN_URL || '';
  if (!siteUrl) {
    const { startFake } = await import('./fake-backend.mjs');
    fake = await startFake({ serveSite: true });
    siteUrl = fake.url;
    adminUrl = fake.url;
    log(`SITE_URL unset: using the in-process fake backend at ${siteUrl}`);
  }

  const browser = await launchChromium();
  const pageErrors = [];
  let alice, bob;
  try {
    const ctxA = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const ctxB = await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    alice = await openPage(ctxA, siteUrl, pageErrors);
    bob = await openPage(ctxB, siteUrl, pageErrors);

    const suffix = Math.random().toString(36).slice(2, 8);
    const a = { name: `alice_${suffix}`, pass: 'pw-a-' + suffix };
    const b = { name: `bob_${suffix}`, pass: 'pw-b-' + suffix };

    await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'login.png') });
    log('both users register and land in room 1');
    await register(alice, a);
    await register(bob, b);
    await expectText(alice, t('current-room'), '1');
    await expectConnected(alice);
    await expectConnected(bob);

    log('the count and member list show both users');
    await expectText(alice, t('online-count'), '2');
    await expectText(bob, t('online-count'), '2');
    await expectMembers(alice, [a.name, b.name]);
    await expectMembers(bob, [a.name, b.name]);
    a.id = await memberId(bob, a.name);
    b.id = await memberId(alice, b.name);

    log('room messages go both ways, once each (duplicates by msgId are dropped)');
    await say(alice, `hello from ${a.name}`);
    await expectMessage(bob, `hello from ${a.name}`, { kind: 'room', author: a.name });
    await say(bob, `hi ${a.name}, ${b.name} here`);
    await expectMessage(alice, `hi ${a.name}, ${b.name} here`, { kind: 'room', author: b.name });
    await alice.waitForTimeout(300);
    assert.equal(await countMessages(alice, `hello from ${a.name}`), 1, 'own room message shown exactly once');
    assert.equal(await countMessages(bob, `hello from ${a.name}`), 1, 'room message shown exactly once');

    log('user text is shown as text, never as HTML');
    await say(alice, XSS);
    await expectMessage(bob, XSS, { kind: 'room' });
    await expectMessage(alice, XSS, { kind: 'room', mine: true });
    for (const page of [alice, bob]) {
      assert.equal(await page.locator(`${t('messages')} img`).count(), 0, 'no <img> element in the message list');
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'onerror handler never ran');
    }

    log('a private message from alice to bob, shown distinctly on both sides');
    await alice.locator(`${t('member')}[data-user-name="${b.name}"] button`).click();
    await expectText(alice, t('private-target'), b.name);
    await alice.fill(t('private-input'), `psst ${b.name}`);
    await alice.click(t('send-private'));
    await expectMessage(bob, `psst ${b.name}`, { kind: 'private', author: a.name, mine: false });
    await expectMessage(alice, `psst ${b.name}`, { kind: 'private', mine: true });
    assert.equal(await countMessages(alice, `psst ${b.name}`), 1, 'own private message shown once');

    log('bob replies privately from the phone-width layout (member list is in the drawer)');
    await bob.click(t('toggle-sidebar'));
    await bob.locator(`${t('member')}[data-user-name="${a.name}"] button`).click();
    await bob.fill(t('private-input'), `got it ${a.name}`);
    await bob.click(t('send-private'));
    await expectMessage(alice, `got it ${a.name}`, { kind: 'private', author: b.name, mine: false });

    await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-desktop.png') });
    await bob.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-phone.png') });

    if (adminUrl) {
      log('a dropped connection: the page says it is reconnecting, then comes back');
      await fetch(`${adminUrl}/__fake/drop`);
      await alice.waitForFunction((sel) => document.querySelector(sel).dataset.state === 'reconnecting',
        t('connection-status'), { timeout: TIMEOUT });
      assert.match(await alice.textContent(t('connection-status')), /reconnecting/);
      await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-reconnecting.png') });
      await expectConnected(alice);
      await expectConnected(bob);
      await expectText(alice, t('online-count'), '2');
      await say(bob, 'still here after the reconnect');
      await expectMessage(alice, 'still here after the reconnect', { kind: 'room', author: b.name });
    }

    log('bob leaves: alice sees the count drop and bob vanish from the member list');
    await bob.click(t('logout'));
    await bob.waitForSelector(t('auth-view'), { state: 'visible', timeout: TIMEOUT });
    await expectText(alice, t('online-count'), '1');
    await expectMembers(alice, [a.name]);

    if (!fake) {   // stored messages need the real backend
      log('while bob is away alice sends him a private message: it is stored for him');
      const reply = await alice.evaluate(async (to) => {
        const cfg = await (await fetch('/config.json', { cache: 'no-store' })).json();
        const res = await fetch(`${cfg.apiUrl}/push/push`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ authToken: localStorage.getItem('authToken'), toUserId: to, msg: 'while you were away', roomId: 1 }),
        });
        return res.json();
      }, b.id);
      assert.equal(reply.code, 0, JSON.stringify(reply));
      assert.equal(reply.message, 'ok, stored for offline delivery');

      log('bob logs back in: the message sent while he was away arrives, and the room history is shown');
      await login(bob, b);
      await expectConnected(bob);
      await expectMessage(bob, 'while you were away', { kind: 'private', author: a.name, mine: false });
      await expectMessage(bob, `hello from ${a.name}`, { kind: 'room', author: a.name });
      await bob.waitForTimeout(300);
      assert.equal(await countMessages(bob, 'while you were away'), 1, 'the stored private message is shown once');
      assert.equal(await countMessages(bob, `hello from ${a.name}`), 1, 'a history message is shown once');
    }

    log('switching rooms reconnects into the new room');
    await alice.fill(t('room-picker'), '2');
    await alice.click(t('join-room'));
    await expectText(alice, t('current-room'), '2');
    await expectConnected(alice);
    await expectMembers(alice, [a.name]);
    assert.equal(await alice.locator(t('message')).count(), 0, 'the new room starts with an empty history');

    log('a reload keeps the session (token in localStorage + checkAuth)');
    await alice.reload();
    await expectText(alice, t('current-user'), a.name);
    await expectConnected(alice);

    if (!fake) {
      log('back in room 1 after the reload, alice sees its history');
      await alice.fill(t('room-picker'), '1');
      await alice.click(t('join-room'));
      await expectText(alice, t('current-room'), '1');
      await expectMessage(alice, `hi ${a.name}, ${b.name} here`, { kind: 'room', author: b.name });
      const fromHistory = alice.locator(`${t('message')}[data-history="true"]`);
      assert.ok(await fromHistory.count() >= 3, 'room messages are loaded from /history/room');
    }

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the pages');
    await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'chat-after.png') });
    log(`PASS (screenshots in ${SCREENSHOT_DIR})`);
  } catch (e) {
    for (const [name, page] of [['alice', alice], ['bob', bob]]) {
      if (page) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `chat-failure-${name}.png`) }).catch(() => {});
    }
    if (pageErrors.length) console.error('page errors:', pageErrors);
    throw e;
  } finally {
    await browser.close();
    if (fake) await fake.close();
  }
}




async function say(page, text) {
  await page.fill(t('message-input'), text);
  await page.click(t('send'));
}




async function memberId(page, name) {
  const id = await page.getAttribute(`${t('member')}[data-user-name="${name}"]`, 'data-user-id');
  assert.ok(id, `member ${name} has a data-user-id`);
  return id;
}

async function expectMessage(page, text, { kind, author, mine } = {}) {
  const item = page.locator(t('message')).filter({ has: page.locator('.text', { hasText: text }) }).last();
  await item.waitFor({ timeout: TIMEOUT });
  assert.equal(await item.locator('.text').textContent(), text, 'message text shown verbatim');
  if (kind) assert.equal(await item.getAttribute('data-kind'), kind, `kind of "${text}"`);
  if (author) assert.match(await item.locator('.author').textContent(), new RegExp(author), `author of "${text}"`);
  if (mine !== undefined) assert.equal(await item.getAttribute('data-mine'), String(mine), `mine flag of "${text}"`);
}


main().catch((e) => {
  console.error(`[chat.spec] FAIL: ${e.stack || e}`);
  process.exitCode = 1;
});
