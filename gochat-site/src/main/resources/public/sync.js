/*
 * Gap detection and sync for the chat page (issue #17). Every conversation — the room, each 1:1 chat, each
 * group — numbers its messages 1, 2, 3, ... on the server (`seq` in each message frame). This script keeps,
 * per conversation, the number up to which the page has every message; a frame whose number jumps past it
 * means messages in between are missing, and they are fetched at once from POST /message/sync
 * {conversation, afterSeq}. After each (re)connect every conversation seen is synced the same way, so a page
 * that was offline catches up on what it missed. Frames from the sync go through app.js's own handling
 * (duplicates dropped by msgId), so nothing is shown twice.
 *
 * window.gochatSync: observe(key, seq) -> 'next' | 'old' | 'gap', started(key, have), contiguous(key), syncedUpTo(key, lastSeq),
 * conversations(), forget(prefix), keyOf(frame), seen(frame), resync(), stats (syncs, refetched).
 * The tracker part (observe ... keyOf) is pure, so the browser test checks it directly.
 */
(() => {
  'use strict';

  const PAGE = 200;
  const MAX_AHEAD = 5000;
  const RETRY_MS = [400, 800, 1600, 3200, 5000, 5000, 5000];
  const OP_PRIVATE = 2, OP_ROOM = 3, OP_GROUP = 30, OP_GROUP_EVENT = 31;

  const convs = new Map();      // key -> { have: number, ahead: Set<number> }
  const syncing = new Map();    // key -> true when another round is due after the one on its way
  const stats = { syncs: 0, refetched: 0, gaps: 0 };

  function observe(key, seq) {
    seq = Number(seq);
    if (!key || !Number.isFinite(seq) || seq <= 0) return 'old';
    let c = convs.get(key);
    if (!c) {
      convs.set(key, { have: seq, ahead: new Set() });   // where the page starts: nothing before it is asked for
      return 'next';
    }
    if (seq <= c.have || c.ahead.has(seq)) return 'old';
    if (seq === c.have + 1) {
      c.have = seq;
      absorb(c);
      return 'next';
    }
    c.ahead.add(seq);
    if (c.ahead.size > MAX_AHEAD) {   // bounded: give up on the oldest hole
      c.have = Math.min(...c.ahead);
      c.ahead.delete(c.have);
      absorb(c);
    }
    return 'gap';
  }

  function absorb(c) {
    while (c.ahead.has(c.have + 1)) {
      c.ahead.delete(c.have + 1);
      c.have++;
    }
  }

  // the last page of a sync holds everything up to lastSeq: numbers the server does not have are no hole
  function syncedUpTo(key, lastSeq) {
    const c = convs.get(key);
    lastSeq = Number(lastSeq);
    if (!c || !Number.isFinite(lastSeq) || lastSeq <= c.have) return;
    for (const s of [...c.ahead]) if (s <= lastSeq) c.ahead.delete(s);
    c.have = lastSeq;
    absorb(c);
  }

  // the page has everything of `key` up to `have` (e.g. 0: it saw the room empty); no-op for a known one
  function started(key, have) {
    if (key && !convs.has(key)) convs.set(key, { have: Number(have) || 0, ahead: new Set() });
  }

  const contiguous = (key) => (convs.has(key) ? convs.get(key).have : 0);
  const hasGap = (key) => convs.has(key) && convs.get(key).ahead.size > 0;

  function forget(prefix) {
    for (const key of [...convs.keys()]) if (key.startsWith(prefix)) convs.delete(key);
  }

  function keyOf(frame) {
    const op = Number(frame.op);
    if (op === OP_ROOM) return `r:${frame.roomId}`;
    if (op === OP_PRIVATE) {
      const a = Number(frame.fromUserId), b = Number(frame.toUserId);
      return `p:${Math.min(a, b)}:${Math.max(a, b)}`;
    }
    if (op === OP_GROUP || op === OP_GROUP_EVENT) return `g:${frame.groupId}`;
    return null;
  }

  // ---------- wiring to app.js (window.gochat) ----------

  const g = window.gochat;
  if (!g) return;

  // app.js calls this for every new frame (after dropping duplicates by msgId)
  function seen(frame) {
    if (frame.seq === undefined || frame.seq === null) return;
    const key = keyOf(frame);
    if (key && observe(key, frame.seq) === 'gap') {
      stats.gaps++;
      sync(key, 0);
    }
  }

  async function sync(key, attempt, afterSeq) {
    if (!afterSeq && attempt === 0) {
      if (syncing.has(key)) { syncing.set(key, true); return; }
      syncing.set(key, false);
    }
    const from = Math.max(Number(afterSeq) || 0, contiguous(key));
    let reply;
    try {
      reply = await g.authed('/message/sync', { conversation: key, afterSeq: String(from), limit: PAGE });
    } catch (e) {
      reply = null;
    }
    if (!g.user()) { syncing.delete(key); return; }   // logged out meanwhile
    if (!reply || reply.code !== 0 || !reply.data) {
      if (reply && reply.code === 40000) { syncing.delete(key); return; }
      if (attempt < RETRY_MS.length) {   // e.g. the room join is not recorded yet right after a reconnect
        setTimeout(() => sync(key, attempt + 1, from), RETRY_MS[attempt]);
      } else {
        syncing.delete(key);
      }
      return;
    }
    stats.syncs++;
    let last = from;
    for (const frame of reply.data.messages || []) {
      stats.refetched++;
      frame.synced = true;
      g.handle(frame);   // shown unless already here (msgId); fills the numbers through seen()
      last = Math.max(last, Number(frame.seq) || 0);
    }
    if (reply.data.hasMore && last > from) {
      sync(key, 1, last);
      return;
    }
    syncedUpTo(key, reply.data.lastSeq);
    const again = syncing.get(key);
    syncing.delete(key);
    if (again && hasGap(key)) sync(key, 0);
  }

  // after each (re)connect: every conversation seen may have missed messages meanwhile
  function resync() {
    const room = `r:${g.state.roomId}`;
    for (const key of [...convs.keys()]) {
      if (key.startsWith('r:') && key !== room) { convs.delete(key); continue; }   // not in that room any more
      sync(key, 0);
    }
  }

  g.on('connected', () => setTimeout(resync, 300));
  g.on('leave', () => { convs.clear(); syncing.clear(); });

  window.gochatSync = { observe, started, contiguous, syncedUpTo, hasGap, conversations: () => [...convs.keys()], forget,
    keyOf, seen, resync, stats };
})();
