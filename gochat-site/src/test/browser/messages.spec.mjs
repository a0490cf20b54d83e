// Browser test of messages.js: two users (desktop + phone) in room 1 send an image (upload), see it,
// see "typing…", read ticks, a location, a link card and a sticker, then recall the image.
//
//   SITE_URL        the site to test (a SiteServer with a running backend; required).
//   SCREENSHOT_DIR  where screenshots go (default: target).
//   CHROMIUM        browser binary (default /usr/bin/chromium). Never downloads a browser.
//
// Exit code 0 = every step passed. Uses playwright-core only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, launchChromium, pageKit, png, t } from './browser-kit.mjs';

const TIMEOUT = 15000;
const log = (step) => console.log(`[messages.spec] ${step}`);
const { openPage, registerConnected: register, waitImageLoaded } = pageKit(TIMEOUT);

async function main() {
  const siteUrl = process.env.SITE_URL;
  assert.ok(siteUrl, 'SITE_URL is required (a site with a running backend)');
  const browser = await launchChromium();
  const pageErrors = [];
  let alice, bob;
  try {
    alice = await openPage(await browser.newContext({ viewport: { width: 1100, height: 760 } }), siteUrl, pageErrors);
    bob = await openPage(await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true }),
      siteUrl, pageErrors);
    const suffix = Math.random().toString(36).slice(2, 8);
    const a = { name: `ann_${suffix}`, pass: 'pw-a-' + suffix };
    const b = { name: `ben_${suffix}`, pass: 'pw-b-' + suffix };
    await register(alice, a);
    await register(bob, b);
    await alice.waitForSelector(`${t('member')}[data-user-name="${b.name}"]`, { state: 'attached' });
    await bob.waitForSelector(`${t('member')}[data-user-name="${a.name}"]`, { state: 'attached' });

    log('alice opens a private chat with bob and uploads an image with the attach button');
    await alice.click(`${t('member')}[data-user-name="${b.name}"] button`);
    await alice.setInputFiles(t('attach-input'), { name: 'gradient.png', mimeType: 'image/png', buffer: png(120, 80, (x, y) => [(x * 2) & 0xff, (y * 3) & 0xff, 200]) });
    const mine = alice.locator(`${t('message')}[data-type="image"][data-mine="true"]`).last();
    await mine.waitFor();
    await waitImageLoaded(alice, `${t('message')}[data-type="image"][data-mine="true"] ${t('typed-image')}`);
    const imageId = await mine.getAttribute('data-msg-id');
    assert.ok(imageId && /^\d+$/.test(imageId), 'the sent image has its message id');

    log('bob sees the image (the thumbnail loads from the api with his token)');
    const theirs = bob.locator(`${t('message')}[data-msg-id="${imageId}"]`);
    await theirs.waitFor();
    assert.equal(await theirs.getAttribute('data-type'), 'image');
    await waitImageLoaded(bob, `${t('message')}[data-msg-id="${imageId}"] ${t('typed-image')}`);

    log("bob's chat list shows 1 unread from alice; opening the chat reads it: alice sees the read tick");
    a.id = await bob.getAttribute(`${t('member')}[data-user-name="${a.name}"]`, 'data-user-id');
    await bob.waitForFunction((sel) => document.querySelector(sel)?.dataset.unread === '1',
      `${t('conversation')}[data-user-id="${a.id}"]`);
    assert.equal(await alice.getAttribute(`${t('message')}[data-msg-id="${imageId}"] ${t('read-tick')}`, 'data-read'), 'false',
      'not read before bob opens the chat');
    await sidebar(bob, true);
    await bob.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages-unread.png') });
    await bob.click(`${t('conversation')}[data-user-id="${a.id}"] .open-chat`);
    await alice.waitForFunction((sel) => document.querySelector(sel)?.dataset.read === 'true',
      `${t('message')}[data-msg-id="${imageId}"] ${t('read-tick')}`);
    await bob.waitForFunction((sel) => document.querySelector(sel)?.dataset.unread === '0',
      `${t('conversation')}[data-user-id="${a.id}"]`);
    assert.equal(await bob.locator(`${t('conversation')}[data-user-id="${a.id}"] ${t('unread-badge')}`).count(), 0);

    log('bob pins the chat with alice');
    await sidebar(bob, true);
    await bob.click(`${t('conversation')}[data-user-id="${a.id}"] ${t('pin')}`);
    await bob.waitForFunction((sel) => document.querySelector(sel)?.dataset.pinned === 'true',
      `${t('conversation')}[data-user-id="${a.id}"]`);
    await sidebar(bob, false);

    log('bob types to alice: alice sees "typing…"');
    await bob.type(t('private-input'), 'hmm', { delay: 30 });
    await alice.waitForFunction((sel) => {
      const e = document.querySelector(sel);
      return e && !e.hidden && /is typing/.test(e.textContent);
    }, t('typing-indicator'));
    await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages-typing.png') });

    log("what bob typed is kept as the chat's draft, shown in his chat list");
    await bob.waitForFunction((sel) => /Draft: hmm/.test(document.querySelector(sel)?.textContent || ''),
      `${t('conversation')}[data-user-id="${a.id}"] ${t('conversation-draft')}`);

    log('alice sends a location, a link card (with markup in its title) and a sticker');
    await alice.evaluate(() => window.gochatMessages.sendTyped('location', { lat: 48.8584, lng: 2.2945, label: 'Eiffel Tower' }));
    await alice.evaluate(() => window.gochatMessages.sendTyped('link', {
      url: 'https://example.com/', title: '<img src=x onerror="window.__pwned=1">', description: 'a link card' }));
    await alice.evaluate(() => window.gochatMessages.sendTyped('emoji', { code: '🎉' }));
    const loc = bob.locator(`${t('message')}[data-type="location"] ${t('typed-location')}`).last();
    await loc.waitFor();
    assert.match(await loc.getAttribute('href'), /^https:\/\/www\.openstreetmap\.org\/\?mlat=48\.8584/);
    assert.match(await loc.textContent(), /Eiffel Tower/);
    const card = bob.locator(`${t('message')}[data-type="link"] ${t('typed-link')}`).last();
    await card.waitFor();
    assert.match(await card.textContent(), /<img src=x/, 'markup from a user is shown as text');
    await bob.locator(`${t('message')}[data-type="emoji"]`).last().waitFor();
    assert.equal(await bob.evaluate(() => window.__pwned), undefined, 'no script from a message ran');
    await bob.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages-phone.png') });

    log('voice and video players, a contact card, an article and a custom body render for bob');
    await alice.evaluate(async () => {
      const m = window.gochatMessages;
      await m.sendTyped('voice', { url: 'https://example.com/v.ogg', durationMs: 3000 });
      await m.sendTyped('video', { url: 'https://example.com/v.mp4', durationMs: 9000 });
      await m.sendTyped('contact', { userId: '42', userName: 'zoe' });
      await m.sendTyped('article', { title: 'Release notes', summary: 'what changed', url: 'https://example.com/n' });
      await m.sendTyped('custom', { kind: 'poll', options: ['tea', 'coffee'] });
    });
    await bob.locator(`${t('message')}[data-type="voice"] audio`).last().waitFor({ state: 'attached' });
    await bob.locator(`${t('message')}[data-type="video"] video`).last().waitFor({ state: 'attached' });
    await bob.locator(`${t('message')}[data-type="contact"]`, { hasText: 'zoe' }).last().waitFor();
    await bob.locator(`${t('message')}[data-type="article"] a`, { hasText: 'Release notes' }).last().waitFor();
    await bob.locator(`${t('message')}[data-type="custom"]`, { hasText: 'coffee' }).last().waitFor();

    log('a file dropped on the conversation is uploaded and sent');
    const drop = await alice.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'notes.pdf', { type: 'application/pdf' }));
      return dt;
    }, Buffer.from('%PDF-1.4\nsome notes\n').toString('base64'));
    await alice.dispatchEvent('section.conversation', 'drop', { dataTransfer: drop });
    const dropped = bob.locator(`${t('message')}[data-type="file"] ${t('typed-file')}`, { hasText: 'notes.pdf' }).last();
    await dropped.waitFor();
    await bob.waitForFunction((sel) => /\/file\/[0-9a-f]{32}\?exp=\d+&sig=/.test([...document.querySelectorAll(sel)].pop()?.getAttribute('href') || ''),
      `${t('message')}[data-type="file"] ${t('typed-file')}`);
    const href = await dropped.getAttribute('href');
    assert.match(href, /\/file\/[0-9a-f]{32}\?exp=\d+&sig=[\w-]+$/, 'a signed link');
    assert.ok(!href.includes('authToken'), 'no session token in the URL');
    for (const page of [alice, bob]) {
      const token = await page.evaluate(() => window.gochat.state.token);
      const leaked = await page.evaluate((tok) => [...document.querySelectorAll('[src], [href]')]
        .some((e) => (e.getAttribute('src') || e.getAttribute('href') || '').includes(tok)), token);
      assert.equal(leaked, false, 'no element of the page carries the token in a URL');
    }

    log('a refused body is told to the sender');
    await alice.evaluate(() => window.gochatMessages.sendTyped('link', { url: 'javascript:alert(1)' }));
    await alice.waitForFunction((sel) => /body\.url must be an http or https URL/.test(document.querySelector(sel)?.textContent || ''),
      t('notice'));

    log('alice recalls the image: both pages show the tombstone');
    await mine.locator(t('recall')).click();
    for (const page of [alice, bob]) {
      await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.recalled === 'true',
        `${t('message')}[data-msg-id="${imageId}"]`);
      assert.equal(await page.locator(`${t('message')}[data-msg-id="${imageId}"] ${t('typed-image')}`).count(), 0);
    }
    await alice.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages-desktop.png') });
    assert.deepEqual(pageErrors, [], 'no errors in the pages');
    log(`PASS (screenshots in ${SCREENSHOT_DIR})`);
  } catch (e) {
    for (const [name, page] of [['alice', alice], ['bob', bob]]) {
      if (page) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `messages-failure-${name}.png`) }).catch(() => {});
    }
    if (pageErrors.length) console.error('page errors:', pageErrors);
    throw e;
  } finally {
    await browser.close();
  }
}



/** Opens or closes the sidebar on a narrow page (where it slides in); nothing to do on a wide one. */
async function sidebar(page, open) {
  if (!(await page.isVisible(t('toggle-sidebar')))) return;
  const isOpen = await page.evaluate(() => document.body.classList.contains('show-sidebar'));
  if (isOpen !== open) {
    await page.click(t('toggle-sidebar'));
    await page.waitForFunction(([sel, want]) => {   // the slide transition has ended
      const m = getComputedStyle(document.querySelector(sel)).transform;
      return want ? m === 'none' || m === 'matrix(1, 0, 0, 1, 0, 0)' : m !== 'none' && m !== 'matrix(1, 0, 0, 1, 0, 0)';
    }, [t('sidebar'), open]);
  }
}


main().catch((e) => {
  console.error(`[messages.spec] FAIL: ${e.stack || e}`);
  process.exitCode = 1;
});
