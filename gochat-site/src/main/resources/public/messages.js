/*
 * Typed messages on the chat page: images, voice, video, files, links, locations, contact cards, articles,
 * emoji and custom bodies; uploads (button and drag and drop); recall; "typing…"; read ticks.
 * Uses what app.js exposes as window.gochat, and is called back by app.js through window.gochatMessages
 * (decorate: every rendered message; onEvent: frames of ops 40–59).
 *
 * Stable data-testid attributes (tests rely on them):
 *   attach (upload button), attach-input (its file input), typing-indicator,
 *   typed-body (inside a message: data-type), typed-image, typed-link, typed-location, typed-file,
 *   recall (button on my messages), read-tick (on my private messages: data-read = true once read),
 *   conversation-list, conversation (data-user-id, data-unread, data-pinned), unread-badge, pin,
 *   conversation-draft,
 *   and on a message: data-type, data-recalled = true once recalled.
 * In groups (group-message items of groups.js, decorated here through decorateGroup):
 *   group-recall (on my messages, and on others' when I am an admin or the owner), group-read-count
 *   (on my messages: data-read-count, data-member-count; a click lists the readers in group-readers with a
 *   group-reader per reader), conversation entries of groups carry data-group-id.
 *
 * Everything from other users goes into the page with textContent or as an attribute of a created
 * element; URLs are used only when they are http(s) (the server checks this too).
 */
(() => {
  'use strict';

  const OP_TYPED = 40, OP_RECALL = 41, OP_TYPING = 42, OP_READ = 43, OP_CONVERSATION = 44, OP_GROUP_READS = 45;
  const TYPING_SEND_EVERY_MS = 3000;
  const TYPING_IDLE_MS = 4000;
  const TYPING_SHOWN_MS = 6000;
  const DRAFT_SAVE_MS = 1200;
  const GROUP_READS_EVERY_MS = 10000;   // read counts of my messages in the open group (senders ask; nobody pushes)

  const g = () => window.gochat;
  const typing = { lastSent: 0, idleTimer: null, to: null, shownTimer: null };
  const readSent = new Map();   // userId -> highest msgId (BigInt) we reported read
  const lastFrom = new Map();   // userId -> the latest msgId (string) received from them here
  const chats = { timer: null, entries: [] };

  function httpUrl(u) {
    try {
      const url = new URL(String(u));
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // Uploads are fetched through signed links (POST /file/link): no session token ever goes into a URL.
  const links = new Map();   // "fileId|thumb" -> { promise, exp (epoch s) }

  function signedUrl(fileId, thumb) {
    const key = `${fileId}|${thumb ? 1 : 0}`;
    const hit = links.get(key);
    if (hit && hit.exp - 60 > Date.now() / 1000) return hit.promise;
    const entry = { exp: Number.MAX_SAFE_INTEGER };
    entry.promise = g().authed('/file/link', { fileId: String(fileId), thumb: Boolean(thumb) }).then((r) => {
      if (!r || r.code !== 0 || !r.data) throw new Error((r && r.message) || 'no link');
      entry.exp = Number(r.data.expiresAt);
      return `${g().state.endpoints.apiUrl}${r.data.url}`;
    });
    entry.promise.catch(() => links.delete(key));
    links.set(key, entry);
    return entry.promise;
  }

  /** Sets el[attr] to the body's media: an http(s) url at once, an upload's signed link when it comes; false if none. */
  function setMedia(el, attr, body, thumb) {
    if (body.fileId) {
      signedUrl(body.fileId, thumb && body.thumbnail).then((u) => el.setAttribute(attr, u)).catch(() => {});
      return true;
    }
    const u = httpUrl(body.url);
    if (u) el.setAttribute(attr, u);
    return Boolean(u);
  }

  function hasMedia(body) {
    return Boolean(body.fileId) || Boolean(httpUrl(body.url));
  }

  function node(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'testid') e.dataset.testid = v;
      else if (k === 'className') e.className = v;
      else e.setAttribute(k, v);
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function link(href, text, testid) {
    const a = node('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
    if (testid) a.dataset.testid = testid;
    return a;
  }

  function idOf(v) {
    try { return BigInt(String(v)); } catch (e) { return 0n; }
  }

  // ---------- rendering a typed body ----------

  function render(type, body) {
    const box = node('div', { className: `typed typed-${type}`, testid: 'typed-body' });
    box.dataset.type = type;
    switch (type) {
      case 'text':
        box.append(node('div', {}, body.text));
        break;
      case 'image': {
        if (hasMedia(body)) {
          const img = node('img', { alt: body.name || 'image', loading: 'lazy', testid: 'typed-image' });
          setMedia(img, 'src', body, true);
          const a = link('#', '');
          setMedia(a, 'href', body, false);
          a.append(img);
          box.append(a);
        }
        break;
      }
      case 'emoji': {
        if (body.code) box.append(node('span', { className: 'emoji' }, body.code));
        else if (hasMedia(body)) {
          const img = node('img', { alt: 'sticker', className: 'sticker' });
          setMedia(img, 'src', body, false);
          box.append(img);
        }
        break;
      }
      case 'voice': {
        if (hasMedia(body)) {
          const audio = node('audio', { controls: '', preload: 'none' });
          setMedia(audio, 'src', body, false);
          box.append(audio);
        }
        if (body.durationMs) box.append(node('span', { className: 'muted small' }, ` ${Math.round(body.durationMs / 1000)} s`));
        break;
      }
      case 'video': {
        if (hasMedia(body)) {
          const video = node('video', { controls: '', preload: 'metadata', width: '280' });
          setMedia(video, 'src', body, false);
          box.append(video);
        }
        break;
      }
      case 'file': {
        const label = `${body.name || 'file'}${body.size ? ` (${Math.ceil(body.size / 1024)} KB)` : ''}`;
        if (hasMedia(body)) {
          const a = link('#', label, 'typed-file');
          setMedia(a, 'href', body, false);
          box.append(a);
        } else {
          box.append(node('span', {}, label));
        }
        break;
      }
      case 'link': {
        const href = httpUrl(body.url);
        const card = node('div', { className: 'card-link', testid: 'typed-link' });
        if (href) card.append(link(href, body.title || body.url));
        if (body.description) card.append(node('div', { className: 'muted small' }, body.description));
        const img = httpUrl(body.image);
        if (img) card.append(node('img', { src: img, alt: '', className: 'link-image' }));
        box.append(card);
        break;
      }
      case 'location': {
        const lat = Number(body.lat), lng = Number(body.lng);
        const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=15/${lat}/${lng}`;
        box.append(link(href, `📍 ${body.label || `${lat.toFixed(4)}, ${lng.toFixed(4)}`}`, 'typed-location'));
        break;
      }
      case 'contact':
        box.append(node('div', { className: 'card-contact' }, `👤 ${body.userName || 'user'} (id ${body.userId})`));
        break;
      case 'article': {
        const card = node('div', { className: 'card-link' });
        const href = httpUrl(body.url);
        card.append(href ? link(href, body.title) : node('strong', {}, body.title));
        if (body.summary) card.append(node('div', { className: 'muted small' }, body.summary));
        box.append(card);
        break;
      }
      case 'custom':
        box.append(node('pre', { className: 'custom' }, JSON.stringify(body)));
        break;
      default:
        return null;
    }
    return box;
  }

  // ---------- app.js hooks ----------

  function decorate(li, frame) {
    if (frame.type === 'recalled' || frame.recalled) {
      markRecalled(li);
      return;
    }
    if (typeof frame.type === 'string' && frame.body && typeof frame.body === 'object') {
      const box = render(frame.type, frame.body);
      if (box) {
        li.dataset.type = frame.type;
        const text = li.querySelector('.text');
        if (text) text.replaceWith(box);
        else li.append(box);
      }
    }
    const mine = li.dataset.mine === 'true';
    if (mine && li.dataset.msgId && (frame.op === undefined || Number(frame.op) === 2 || Number(frame.op) === 3)) {
      const b = node('button', { type: 'button', className: 'link-button recall', testid: 'recall', title: 'Recall this message' }, 'Recall');
      b.addEventListener('click', () => recall(li.dataset.msgId));
      li.querySelector('.meta').append(b);
    }
    if (mine && li.dataset.kind === 'private' && li.dataset.msgId) {
      const tick = node('span', { className: 'tick', testid: 'read-tick', title: 'sent' }, '✓');
      tick.dataset.read = 'false';
      li.querySelector('.meta').append(tick);
      li.dataset.toUserId = String(frame.toUserId || '');
    }
    if (!mine && li.dataset.kind === 'private' && li.dataset.msgId && frame.fromUserId !== undefined) {
      const from = String(frame.fromUserId);
      lastFrom.set(from, li.dataset.msgId);
      const open = g().state.privateTo;
      if (open && String(open.userId) === from) setTimeout(() => reportRead(from, li.dataset.msgId), 0);   // the chat is open: read
      refreshConversations();
    }
  }

  function onEvent(frame) {
    const op = Number(frame.op);
    if ((op === OP_RECALL || op === OP_READ) && frame.msgId !== undefined && !frame.code) g().ack(String(frame.msgId));
    if (frame.code !== undefined && frame.code !== 0) {   // a refusal of one of my frames
      g().notice(String(frame.msg || 'refused'));
      return;
    }
    switch (op) {
      case OP_RECALL: if (frame.recalledId !== undefined) onRecalled(String(frame.recalledId)); break;
      case OP_TYPING: onTyping(frame); break;
      case OP_READ: onRead(frame); refreshConversations(); break;
      case OP_CONVERSATION: refreshConversations(); break;
      default: break;
    }
  }

  // ---------- recall ----------

  function markRecalled(li) {
    li.dataset.recalled = 'true';
    li.classList.add('recalled');
    for (const e of li.querySelectorAll('.text, .typed, [data-testid="recall"], [data-testid="group-recall"], [data-testid="group-read-count"]')) e.remove();
    if (!li.querySelector('.tombstone')) li.append(node('div', { className: 'tombstone muted' }, 'message recalled'));
  }

  function onRecalled(msgId) {
    const id = CSS.escape(msgId);
    for (const li of document.querySelectorAll(`[data-testid="message"][data-msg-id="${id}"], [data-testid="group-message"][data-msg-id="${id}"]`)) {
      markRecalled(li);
    }
    refreshConversations();
  }

  async function recall(msgId) {
    const reply = await g().authed('/message/recall', { msgId: String(msgId) }).catch(() => null);
    if (!reply) g().notice('Not recalled: cannot reach the server.');
    else if (reply.code !== 0 && reply.code !== 40000) g().notice(`Not recalled: ${reply.message}`);
  }

  // ---------- typing ----------

  function sendFrame(obj) {
    const ws = g().state.ws;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(obj));
  }

  function typed() {
    const to = g().state.privateTo;
    if (!to) return;
    const now = Date.now();
    if (typing.to !== to.userId || now - typing.lastSent > TYPING_SEND_EVERY_MS) {
      typing.to = to.userId;
      typing.lastSent = now;
      sendFrame({ op: OP_TYPING, toUserId: String(to.userId), typing: true });
    }
    clearTimeout(typing.idleTimer);
    typing.idleTimer = setTimeout(stoppedTyping, TYPING_IDLE_MS);
  }

  function stoppedTyping() {
    clearTimeout(typing.idleTimer);
    if (typing.to) sendFrame({ op: OP_TYPING, toUserId: String(typing.to), typing: false });
    typing.to = null;
    typing.lastSent = 0;
  }

  function onTyping(frame) {
    const box = indicator();
    clearTimeout(typing.shownTimer);
    if (frame.typing) {
      box.textContent = `${frame.fromUserName || `user ${frame.fromUserId}`} is typing…`;
      box.hidden = false;
      typing.shownTimer = setTimeout(() => { box.hidden = true; }, TYPING_SHOWN_MS);
    } else {
      box.hidden = true;
    }
  }

  function indicator() {
    let box = document.querySelector('[data-testid="typing-indicator"]');
    if (!box) {
      box = node('div', { className: 'typing-indicator muted small', testid: 'typing-indicator', 'aria-live': 'polite' });
      box.hidden = true;
      g().el('messages').after(box);
    }
    return box;
  }

  // ---------- read receipts ----------

  function reportRead(fromUserId, msgId) {
    if (document.visibilityState === 'hidden') return;
    const id = idOf(msgId);
    const before = readSent.get(fromUserId) || 0n;
    if (id <= before) return;
    readSent.set(fromUserId, id);
    sendFrame({ op: OP_READ, withUserId: String(fromUserId), upToId: String(msgId) });
  }

  function onRead(frame) {
    if (g().isMe(frame.fromUserId)) return;   // my own read mark, from another of my devices
    const upTo = idOf(frame.upToId);
    const reader = String(frame.fromUserId);
    for (const li of document.querySelectorAll('[data-testid="message"][data-kind="private"][data-mine="true"]')) {
      if (li.dataset.toUserId !== reader || idOf(li.dataset.msgId) > upTo) continue;
      const tick = li.querySelector('[data-testid="read-tick"]');
      if (tick) {
        tick.textContent = '✓✓';
        tick.dataset.read = 'true';
        tick.title = 'read';
      }
    }
  }

  // ---------- sending typed messages and uploads ----------

  function clientMsgId() {
    return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  }

  /** A typed message to the open private chat, the room, or (target.groupId) a group; a retry is stored once. */
  async function sendTyped(type, body, target) {
    const s = g().state;
    const groupId = target && target.groupId ? String(target.groupId) : null;
    const to = groupId ? null : s.privateTo;
    const payload = groupId ? { groupId, type, body } : to ? { toUserId: String(to.userId), type, body } : { roomId: s.roomId, type, body };
    payload.clientMsgId = clientMsgId();
    const reply = await g().authed('/message/send', payload).catch(() => null);
    if (!reply) {
      g().notice('Not sent: cannot reach the server.');
      return null;
    }
    if (reply.code !== 0) {
      if (reply.code !== 40000) g().notice(`Not sent: ${reply.message || 'error'}`);
      return null;
    }
    refreshConversations();
    if (to) {   // the server delivers a private message to the recipient only: show mine here
      g().addMessage({
        kind: 'private', mine: true, tag: 'private', author: `you → ${to.userName}`,
        frame: { msg: '', msgId: reply.data.msgId, fromUserId: s.user.userId, toUserId: to.userId, serverTime: Date.now(), type, body },
      });
    }
    return reply.data.msgId;
  }

  async function upload(file, target) {
    const s = g().state;
    const form = new FormData();
    form.append('authToken', s.token);
    form.append('file', file, file.name);
    let reply;
    try {
      const res = await fetch(`${s.endpoints.apiUrl}/upload`, { method: 'POST', body: form });
      reply = await res.json();
    } catch (e) {
      g().notice('Upload failed: cannot reach the server.');
      return;
    }
    if (reply.code !== 0) {
      g().notice(`Upload refused: ${reply.message || 'error'}`);
      return;
    }
    const f = reply.data;
    const type = f.kind === 'image' ? 'image' : f.kind === 'voice' ? 'voice' : f.kind === 'video' ? 'video' : 'file';
    await sendTyped(type, type === 'file' ? { fileId: f.fileId, name: f.name } : { fileId: f.fileId }, target);
  }

  // ---------- the conversation list (sidebar): unread badges, pins ----------

  function refreshConversations() {
    clearTimeout(chats.timer);
    chats.timer = setTimeout(loadConversations, 250);
  }

  async function loadConversations() {
    if (!g().state.token || !g().state.user) return;
    const reply = await g().authed('/conversation/list', {}).catch(() => null);
    if (!reply || reply.code !== 0 || !Array.isArray(reply.data)) return;
    chats.entries = reply.data;
    const list = conversationList();
    list.replaceChildren(...reply.data.map(conversationItem));
  }

  function conversationList() {
    let list = document.querySelector('[data-testid="conversation-list"]');
    if (!list) {
      const title = node('div', { className: 'chats-title' }, 'Chats');
      list = node('ul', { className: 'conversations', testid: 'conversation-list', 'aria-label': 'Chats' });
      g().el('member-list').after(title, list);
    }
    return list;
  }

  function preview(m) {
    if (!m) return '';
    if (m.type === 'recalled' || m.recalled) return 'message recalled';
    return String(m.msg || '');
  }

  function conversationItem(e) {
    const li = node('li', { className: `chat-entry${e.pinned ? ' pinned' : ''}${e.groupId ? ' group-chat' : ''}`, testid: 'conversation' });
    if (e.groupId) li.dataset.groupId = String(e.groupId);
    else li.dataset.userId = String(e.withUserId);
    li.dataset.unread = String(e.unread);
    li.dataset.pinned = String(Boolean(e.pinned));
    const name = e.groupId ? `# ${e.groupName || `group ${e.groupId}`}` : (e.withUserName || `user ${e.withUserId}`);
    const open = node('button', { type: 'button', className: 'open-chat', title: e.groupId ? `Open ${name}` : `Chat with ${e.withUserName}` });
    open.append(node('span', { className: 'chat-name' }, name));
    if (e.muted) open.append(node('span', { className: 'muted small' }, ' (muted)'));
    open.append(node('span', { className: 'chat-last muted small' }, preview(e.lastMessage)));
    if (e.draft) open.append(node('span', { className: 'chat-draft small', testid: 'conversation-draft' }, `Draft: ${e.draft}`));
    if (e.unread > 0) open.append(node('span', { className: 'badge', testid: 'unread-badge' }, e.unread));
    open.addEventListener('click', () => (e.groupId ? openGroupChat(e) : openChat(e)));
    const pin = node('button', { type: 'button', className: 'link-button pin', testid: 'pin', title: e.pinned ? 'Unpin' : 'Pin' },
      e.pinned ? 'Unpin' : 'Pin');
    const who = e.groupId ? { groupId: String(e.groupId) } : { withUserId: String(e.withUserId) };
    pin.addEventListener('click', () => g().authed('/conversation/update', Object.assign({ pinned: !e.pinned }, who))
      .then(refreshConversations).catch(() => {}));
    li.append(open, pin);
    return li;
  }

  function openChat(e) {
    const userId = String(e.withUserId);
    g().openPrivate(userId, e.withUserName || `user ${userId}`);
    const input = g().el('private-input');
    if (e.draft && !input.value) input.value = e.draft;   // the draft kept on this or another device
    chatOpened(userId, e.lastMessage && e.lastMessage.msgId && !g().isMe(e.lastMessage.fromUserId) ? String(e.lastMessage.msgId) : null);
  }

  function openGroupChat(e) {
    if (window.gochatGroups) window.gochatGroups.open(String(e.groupId));
  }

  // ---------- groups: typed bodies, recall, "read by N" (group-message items of groups.js) ----------

  const groupReads = { timer: null, open: null };

  /** Called by groups.js for each group message it shows. ctx: { mine, moderator } */
  function decorateGroup(li, frame, ctx) {
    if (frame.type === 'recalled' || frame.recalled) {
      markRecalled(li);
      return;
    }
    if (typeof frame.type === 'string' && frame.body && typeof frame.body === 'object') {
      const box = render(frame.type, frame.body);
      if (box) {
        li.dataset.type = frame.type;
        const text = li.querySelector('.text');
        if (text) text.replaceWith(box);
        else li.append(box);
      }
    }
    const meta = li.querySelector('.meta');
    if (!meta || !li.dataset.msgId) return;
    if (ctx.mine || ctx.moderator) {
      const b = node('button', { type: 'button', className: 'link-button recall', testid: 'group-recall',
        title: ctx.mine ? 'Recall this message' : 'Recall this message (as an admin)' }, 'Recall');
      b.addEventListener('click', () => recall(li.dataset.msgId));
      meta.append(b);
    }
    if (ctx.mine) {
      const count = node('button', { type: 'button', className: 'link-button read-count', testid: 'group-read-count',
        title: 'Who has read it' }, 'read by 0');
      count.dataset.readCount = '0';
      count.addEventListener('click', () => showReaders(li, li.dataset.msgId));
      meta.append(count);
      refreshGroupReads(500);
    }
  }

  /** The open group's read counts of my messages, now and every 10 s while it stays open (and the page is seen). */
  function refreshGroupReads(delay) {
    clearTimeout(groupReads.timer);
    groupReads.timer = setTimeout(loadGroupReads, delay === undefined ? GROUP_READS_EVERY_MS : delay);
  }

  async function loadGroupReads() {
    const groupId = window.gochatGroups && window.gochatGroups.openId();
    if (!groupId) return;
    const counts = [...document.querySelectorAll('[data-testid="group-message"][data-mine="true"]:not([data-recalled="true"])')]
      .map((li) => li.dataset.msgId).filter(Boolean).slice(-100);
    if (counts.length > 0 && document.visibilityState !== 'hidden') {
      const reply = await g().authed('/message/readCounts', { groupId, msgIds: counts }).catch(() => null);
      if (reply && reply.code === 0 && reply.data && Array.isArray(reply.data.reads)) {
        for (const r of reply.data.reads) setReadCount(r);
      }
    }
    refreshGroupReads();
  }

  function setReadCount(r) {
    const li = document.querySelector(`[data-testid="group-message"][data-msg-id="${CSS.escape(String(r.msgId))}"]`);
    const b = li && li.querySelector('[data-testid="group-read-count"]');
    if (!b) return;
    b.dataset.readCount = String(r.readCount);
    b.dataset.memberCount = String(r.memberCount);
    b.textContent = r.memberCount > 0 && r.readCount >= r.memberCount ? 'read by all' : `read by ${r.readCount}`;
  }

  async function showReaders(li, msgId) {
    const reply = await g().authed('/message/readers', { msgId: String(msgId) }).catch(() => null);
    if (!reply || reply.code !== 0) {
      if (reply && reply.code !== 40000) g().notice(reply.message);
      return;
    }
    const r = reply.data.reads[0];
    setReadCount(r);
    let box = li.querySelector('[data-testid="group-readers"]');
    if (box) box.remove();
    box = node('ul', { className: 'group-readers small', testid: 'group-readers', 'aria-label': 'Read by' });
    if (r.readers.length === 0) box.append(node('li', { className: 'muted' }, 'nobody yet'));
    for (const u of r.readers) box.append(node('li', { testid: 'group-reader' }, u.userName || `user ${u.userId}`));
    li.append(box);
  }

  /** The open group read up to msgId: op 43 with groupId (over HTTP when the socket is down); never backwards. */
  const groupReadSent = new Map();
  function reportGroupRead(groupId, msgId) {
    if (document.visibilityState === 'hidden' || !msgId) return;
    const id = idOf(msgId);
    if (id <= (groupReadSent.get(groupId) || 0n)) return;
    groupReadSent.set(groupId, id);
    const frame = { op: OP_READ, groupId: String(groupId), upToId: String(msgId) };
    if (!g().send || !window.gochat.send(frame)) {
      g().authed('/message/read', { groupId: String(groupId), upToId: String(msgId) }).catch(() => {});
    }
    refreshConversations();
  }

  /** Opening a chat reads it: up to the latest message from that user we know of. */
  function chatOpened(userId, latest) {
    const candidates = [latest, lastFrom.get(userId)].filter(Boolean);
    if (!candidates.length) return;
    const newest = candidates.reduce((a, b) => (idOf(a) >= idOf(b) ? a : b));
    reportRead(userId, newest);
  }

  // a draft of the open private chat is kept on the server (every device sees it in the list)
  const draft = { timer: null, to: null, saved: '' };

  function draftChanged() {
    const to = g().state.privateTo;
    if (!to) return;
    clearTimeout(draft.timer);
    draft.timer = setTimeout(() => saveDraft(String(to.userId), g().el('private-input').value), DRAFT_SAVE_MS);
  }

  function saveDraft(userId, text) {
    const value = text.slice(0, 4000);
    if (draft.to === userId && draft.saved === value) return;
    draft.to = userId;
    draft.saved = value;
    g().authed('/conversation/update', { withUserId: userId, draft: value }).catch(() => {});
  }

  function draftSent() {
    clearTimeout(draft.timer);
    const to = g().state.privateTo;
    if (to && draft.to === String(to.userId) && draft.saved) saveDraft(String(to.userId), '');
  }

  function wire() {
    const composer = g().el('composer');
    const input = node('input', { type: 'file', testid: 'attach-input', hidden: '' });
    const button = node('button', { type: 'button', className: 'attach', testid: 'attach', title: 'Send a file (or drop one here)' }, 'Attach');
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      for (const f of input.files) upload(f);
      input.value = '';
    });
    composer.prepend(button, input);
    const area = document.querySelector('section.conversation');
    area.addEventListener('dragover', (e) => { e.preventDefault(); area.classList.add('dropping'); });
    area.addEventListener('dragleave', () => area.classList.remove('dropping'));
    area.addEventListener('drop', (e) => {
      e.preventDefault();
      area.classList.remove('dropping');
      for (const f of e.dataTransfer.files) upload(f);
    });
    g().el('private-input').addEventListener('input', typed);
    g().el('member-list').addEventListener('click', (ev) => {   // a member opened as a private chat: read it
      const li = ev.target.closest('[data-testid="member"]');
      if (li && !g().isMe(li.dataset.userId)) {
        const entry = chats.entries.find((c) => String(c.withUserId) === li.dataset.userId);
        chatOpened(li.dataset.userId, entry && entry.lastMessage && !g().isMe(entry.lastMessage.fromUserId)
          ? String(entry.lastMessage.msgId) : null);
      }
    });
    const userBox = g().el('current-user-box');
    new MutationObserver(() => { if (!userBox.hidden) refreshConversations(); })
      .observe(userBox, { attributes: true, attributeFilter: ['hidden'] });
    if (!userBox.hidden) refreshConversations();
    g().el('private-form').addEventListener('submit', stoppedTyping);
    g().el('private-input').addEventListener('input', draftChanged);
    g().el('private-form').addEventListener('submit', draftSent);
    indicator();
  }

  window.gochatMessages = { decorate, decorateGroup, onEvent, sendTyped, upload, reportGroupRead, refreshGroupReads,
    refresh: refreshConversations, markRecalled };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
