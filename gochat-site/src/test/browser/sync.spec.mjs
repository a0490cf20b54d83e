// Browser test of sync.js (issue #17): every message carries its conversation's `seq`; a page that was offline
// catches up on the room's missed messages with no duplicates, and a frame lost on the way (a seq jump while
// connected) is fetched from /message/sync and shown in its place. Also checks the gap tracker itself.
//
//   SITE_URL        the site to test (a SiteServer with a running backend; required).
//   SCREENSHOT_DIR  where screenshots go (default: target).
//   CHROMIUM        browser binary (default /usr/bin/chromium). Never downloads a browser.
//
// bob's WebSocket goes through page.routeWebSocket: the test takes him offline (closes his socket and refuses
// new ones) and can drop one server frame. Exit code 0 = every step passed. Uses playwright-core only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, launchChromium, pageKit, t } from './browser-kit.mjs';

const TIMEOUT = 20000;
const log = (step) => console.log(`[sync.spec] ${step}`);
const { openPage, register, expectConnected, expectText, expectMembers, countMessages } = pageKit(TIMEOUT);

async function main() {
  const siteUrl = process.env.SITE_URL;
  assert.ok(siteUrl, 'SITE_URL is required (a site with a running backend)');
  const browser = await launchChromium();
  const pageErrors = [];
  try {
    const alice = await openPage(await browser.newContext({ viewport: { width: 1100, height: 760 } }), siteUrl, pageErrors);
    const bobContext = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const net = { offline: false, drop: null, sockets: new Set() };
    await bobContext.routeWebSocket(/\/ws$/, (ws) => {
      if (net.offline) { ws.close({ code: 1001, reason: 'offline' }); return; }
      const server = ws.connectToServer();
      net.sockets.add(ws);
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (net.drop && String(m).includes(net.drop)) { net.drop = null; return; }   // lost on the way
        ws.send(m);
      });
    });
    const bob = await openPage(bobContext, siteUrl, pageErrors);

    log('the gap tracker: first number is the start, a jump is a gap until the missing ones come');
    const verdicts = await bob.evaluate(() => {
      const s = window.gochatSync;
      const out = [s.observe('x:1', 41), s.observe('x:1', 42), s.observe('x:1', 45), s.observe('x:1', 44),
        s.contiguous('x:1'), s.observe('x:1', 43), s.contiguous('x:1'), s.observe('x:1', 44), s.observe('x:1', 0)];
      s.observe('x:2', 3); s.observe('x:2', 8); s.syncedUpTo('x:2', 9);
      out.push(s.contiguous('x:2'), s.hasGap('x:2'), s.keyOf({ op: 2, fromUserId: 9, toUserId: 3 }),
        s.keyOf({ op: 3, roomId: 7 }), s.keyOf({ op: 30, groupId: '5' }));
      s.forget('x:');
      return out;
    });
    assert.deepEqual(verdicts, ['next', 'next', 'gap', 'gap', 42, 'next', 45, 'old', 'old', 9, false, 'p:3:9', 'r:7', 'g:5']);

    const suffix = Math.random().toString(36).slice(2, 8);
    const room = String(5000 + Math.floor(Math.random() * 100000));
    const a = { name: `sa_${suffix}`, pass: 'pw-a-' + suffix };
    const b = { name: `sb_${suffix}`, pass: 'pw-b-' + suffix };
    await register(alice, a);
    await register(bob, b);
    for (const page of [alice, bob]) {
      await page.fill(t('room-picker'), room);
      await page.click(t('join-room'));
      await expectText(page, t('current-room'), room);
      await expectConnected(page);
    }
    await expectMembers(alice, [a.name, b.name]);
    await expectMembers(bob, [a.name, b.name]);

    log('live room messages carry seq 1, 2, 3');
    for (let i = 1; i <= 3; i++) await say(alice, `before ${i}`);
    await expectMessage(bob, 'before 3');
    assert.deepEqual(await roomLines(bob), ['1:before 1', '2:before 2', '3:before 3']);

    log('bob goes offline; alice sends five messages meanwhile');
    net.offline = true;
    for (const ws of net.sockets) ws.close({ code: 1001, reason: 'offline' });
    net.sockets.clear();
    await bob.waitForFunction((sel) => document.querySelector(sel).dataset.state === 'reconnecting',
      t('connection-status'), { timeout: TIMEOUT });
    await expectMembers(alice, [a.name]);   // the server saw him go
    for (let i = 1; i <= 5; i++) await say(alice, `missed ${i}`);
    await expectMessage(alice, 'missed 5');
    assert.equal(await countMessages(bob, 'missed 1'), 0, 'nothing reached bob while offline');
    await bob.screenshot({ path: path.join(SCREENSHOT_DIR, 'sync-offline.png') });

    log('bob comes back: the page syncs the room after seq 3 and shows each missed message once, in order');
    net.offline = false;
    await expectConnected(bob);
    await expectMessage(bob, 'missed 5');
    await bob.waitForTimeout(500);   // anything shown twice would show by now
    assert.deepEqual(await roomLines(bob), ['1:before 1', '2:before 2', '3:before 3', '4:missed 1', '5:missed 2',
      '6:missed 3', '7:missed 4', '8:missed 5']);
    assert.equal(await bob.locator(`${t('message')}[data-synced="true"]`).count(), 5, 'the five came from the sync');
    assert.ok((await bob.evaluate(() => window.gochatSync.stats.syncs)) >= 1);

    log('a frame lost on the way: the next one shows a jump, the page fetches the gap and shows it in its place');
    net.drop = '"msg":"lost on the way"';
    await say(alice, 'lost on the way');
    await expectMessage(alice, 'lost on the way');
    await say(alice, 'after the gap');
    await expectMessage(bob, 'lost on the way');
    await expectMessage(bob, 'after the gap');
    await bob.waitForTimeout(500);
    assert.equal(net.drop, null, 'the frame was dropped');
    const lines = await roomLines(bob);
    assert.deepEqual(lines.slice(-2), ['9:lost on the way', '10:after the gap'], lines.join(' | '));
    assert.equal(new Set(lines).size, lines.length, 'no message shown twice');
    assert.equal(await bob.getAttribute(`${t('message')}[data-seq="9"]`, 'data-synced'), 'true');
    await bob.screenshot({ path: path.join(SCREENSHOT_DIR, 'sync-caught-up.png') });

    assert.deepEqual(pageErrors, [], 'no page errors');
    log('PASS');
  } finally {
    await browser.close();
  }
}



async function say(page, text) {
  await page.fill(t('message-input'), text);
  await page.click(t('send'));
  await page.waitForFunction((sel) => document.querySelector(sel).value === '', t('message-input'), { timeout: TIMEOUT });
}




async function expectMessage(page, text) {
  const item = page.locator(t('message')).filter({ has: page.locator('.text', { hasText: text }) }).last();
  await item.waitFor({ timeout: TIMEOUT }).catch(async () => {
    throw new Error(`never shown: "${text}"; shown: ${JSON.stringify(await roomLines(page))}`);
  });
}


/** "seq:text" of the room messages shown, top to bottom. */
async function roomLines(page) {
  return page.$$eval(`${t('message')}[data-kind="room"]`,
    (els) => els.map((li) => `${li.dataset.seq}:${li.querySelector('.text').textContent}`));
}

main().catch((e) => {
  console.error(`[sync.spec] FAIL: ${e.stack || e}`);
  process.exitCode = 1;
});
