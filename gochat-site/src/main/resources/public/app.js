/*
 * gochat demo chat page. Plain JS, no framework, no build step.
 *
 * Stable data-testid attributes (tests rely on them; do not rename):
 *   auth-view, auth-form, username, password, login, register, auth-error
 *   chat-view, current-user-box, current-user, logout, toggle-sidebar
 *   connection-status      text + data-state = connecting | connected | reconnecting | offline
 *   sidebar, room-form, room-picker (number input; change/submit switches room), join-room, current-room
 *   online-count, member-list, member (one <li> per member, data-user-id, data-user-name; contains a button)
 *   messages, message (one <li> per message: data-kind = room | private | system, data-msg-id,
 *                      data-from-user-id, data-mine = true|false, data-history = true for messages
 *                      loaded from /history/room; data-seq = the conversation's number, data-synced = true
 *                      for messages fetched by sync.js to fill a gap; children .author, .time, .text)
 *   composer, message-input, send
 *   private-form, private-target, private-input, send-private, close-private
 *   notice                 transient line for error frames ({"code":..,"msg":..}) and failed requests
 *   contacts-panel         filled by contacts.js (window.gochat; events gochat:enter, gochat:leave, gochat:frame)
 *
 * Groups live in groups.js (its own test ids are listed there); it uses window.gochat (below).
 *
 * User-provided text is only ever put into the page with textContent.
 *
 * Message ids are 64-bit: they are read as strings (quoteIds) because JavaScript numbers would round them.
 * Private messages are acknowledged ({"op":7,"msgId":"..."}) once shown, so the server does not send
 * them again on the next connect; the room's recent history is loaded once we are in the room.
 */
(() => {
  'use strict';

  const TOKEN_KEY = 'authToken';
  const ROOM_KEY = 'gochat.roomId';
  const MAX_SEEN_IDS = 5000;
  const MAX_MESSAGES = 500;
  const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
  const OP_PRIVATE = 2, OP_ROOM = 3, OP_COUNT = 4, OP_ROOM_INFO = 5, OP_ACK = 7;
  const HISTORY_LIMIT = 50;

  const el = (id) => document.querySelector(`[data-testid="${id}"]`);

  const state = {
    endpoints: null,
    token: localStorage.getItem(TOKEN_KEY) || '',
    user: null,                  // {userId: string, userName}
    roomId: Number(localStorage.getItem(ROOM_KEY)) || 1,
    ws: null,
    generation: 0,               // bumps on every intentional (re)connect/close; stale sockets are ignored
    attempt: 0,
    reconnectTimer: null,
    seenIds: new Set(),
    members: new Map(),          // userId -> userName
    lastCount: null,
    refreshTimer: null,
    privateTo: null,             // {userId, userName}
    localEchoes: [],             // own private messages shown before the server (maybe) echoes them
    noticeTimer: null,
    historyRoom: null,           // the room whose history has been asked for since it was entered
  };

  // ---------- hooks for feature scripts (groups.js, contacts.js, ...) ----------
  // window.gochat.on('frame' | 'enter' | 'leave' | 'connected', fn): frames of ops this file does not show
  // (after duplicate suppression by msgId), entering and leaving the chat, and each (re)connect.
  const hooks = { frame: [], enter: [], leave: [], connected: [] };

  function emit(kind, arg) {
    hooks[kind].forEach((fn) => {
      try { fn(arg); } catch (e) { console.error(e); }
    });
  }

  // what the feature scripts (contacts.js, groups.js, ...) may use: the one window.gochat
  window.gochat = {
    on(kind, fn) { hooks[kind].push(fn); },
    api: (path, extra) => authed(path, extra),
    authed: (path, extra) => authed(path, extra),
    user: () => state.user,
    openPrivate: (userId, userName) => openPrivate(String(userId), userName),
    send(frame) {
      const ws = state.ws;
      if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(frame)); return true; }
      return false;
    },
    notice: (text) => notice(text),
    formatTime: (frame) => formatTime(frame),
  };

  // ---------- small helpers ----------

  function show(testId, visible) { el(testId).hidden = !visible; }

  function setStatus(kind, text) {
    const s = el('connection-status');
    s.dataset.state = kind;
    s.textContent = text;
  }

  function notice(text) {
    const n = el('notice');
    n.textContent = text;
    n.hidden = false;
    clearTimeout(state.noticeTimer);
    state.noticeTimer = setTimeout(() => { n.hidden = true; }, 5000);
  }

  function authError(text) {
    const e = el('auth-error');
    e.textContent = text || '';
    e.hidden = !text;
  }

  // "msgId":123 → "msgId":"123", so 64-bit ids survive JSON.parse exactly
  function quoteIds(text) {
    return text.replace(/"(msgId|beforeId|sinceId|groupId|recalledId|upToId)"\s*:\s*(\d+)/g, '"$1":"$2"');
  }

  function parseFrame(data) {
    if (typeof data !== 'string' || data.trim() === '') return null;
    try {
      const frame = JSON.parse(quoteIds(data));
      return frame && typeof frame === 'object' && !Array.isArray(frame) ? frame : null;
    } catch (e) {
      return null;
    }
  }

  function formatTime(frame) {
    const ms = Number(frame.serverTime);
    if (Number.isFinite(ms) && ms > 0) {
      return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    }
    return typeof frame.createTime === 'string' ? frame.createTime : '';
  }

  // ---------- HTTP api ----------

  async function api(path, body) {
    const res = await fetch(state.endpoints.apiUrl + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = await res.text().then((text) => JSON.parse(quoteIds(text)))
      .catch(() => ({ code: -1, message: `HTTP ${res.status}` }));
    if (reply.code === 40000 && state.token) {
      sessionLost();
    }
    return reply;
  }

  function authed(path, extra) {
    return api(path, Object.assign({ authToken: state.token }, extra));
  }

  async function loadEndpoints() {
    const res = await fetch('/config.json', { cache: 'no-store' });
    state.endpoints = await res.json();
  }

  // ---------- session ----------

  async function checkAuth() {
    const reply = await authed('/user/checkAuth', {});
    if (reply.code !== 0 || !reply.data) return false;
    state.user = { userId: String(reply.data.userId), userName: String(reply.data.userName) };
    return true;
  }

  async function loginOrRegister(path) {
    const userName = el('username').value.trim();
    const passWord = el('password').value;
    if (!userName || !passWord) {
      authError('Enter a user name and a password.');
      return;
    }
    authError('');
    setAuthBusy(true);
    try {
      const reply = await api(path, { userName, passWord });
      if (reply.code !== 0 || typeof reply.data !== 'string') {
        authError(typeof reply.message === 'string' ? reply.message : 'That did not work.');
        return;
      }
      state.token = reply.data;
      localStorage.setItem(TOKEN_KEY, state.token);
      if (await checkAuth()) {
        enterChat();
      } else {
        authError('Logged in, but the session check failed.');
      }
    } catch (e) {
      authError('Cannot reach the server. Is the api running?');
    } finally {
      setAuthBusy(false);
    }
  }

  function setAuthBusy(busy) {
    el('login').disabled = busy;
    el('register').disabled = busy;
  }

  async function logout() {
    const token = state.token;
    leaveChat();
    if (token) {
      api('/user/logout', { authToken: token }).catch(() => {});
    }
  }

  function sessionLost() {
    leaveChat();
    authError('Your session ended. Please log in again.');
  }

  function leaveChat() {
    emit('leave');
    state.token = '';
    state.user = null;
    localStorage.removeItem(TOKEN_KEY);
    disconnect();
    setStatus('offline', 'offline');
    show('chat-view', false);
    show('current-user-box', false);
    show('toggle-sidebar', false);
    show('auth-view', true);
    el('password').value = '';
    document.dispatchEvent(new CustomEvent('gochat:leave'));
  }

  function enterChat() {
    el('current-user').textContent = state.user.userName;
    show('auth-view', false);
    show('current-user-box', true);
    show('toggle-sidebar', true);
    show('chat-view', true);
    joinRoom(state.roomId);
    emit('enter', state.user);
    el('message-input').focus();
    document.dispatchEvent(new CustomEvent('gochat:enter'));
  }

  // ---------- rooms and the WebSocket ----------

  function joinRoom(roomId) {
    state.roomId = roomId;
    localStorage.setItem(ROOM_KEY, String(roomId));
    el('room-picker').value = String(roomId);
    el('current-room').textContent = String(roomId);
    el('messages').replaceChildren();
    state.seenIds.clear();
    state.localEchoes = [];
    state.lastCount = null;
    state.historyRoom = null;
    if (window.gochatSync) window.gochatSync.forget('r:');   // a new room: its numbers start where we join
    setMembers({}, 0);
    closePrivate();
    state.attempt = 0;
    connect();
  }

  function disconnect() {
    state.generation++;
    clearTimeout(state.reconnectTimer);
    clearTimeout(state.refreshTimer);
    if (state.ws) {
      try { state.ws.close(1000, 'bye'); } catch (e) { /* already closed */ }
      state.ws = null;
    }
  }

  function connect() {
    disconnect();
    const generation = state.generation;
    const current = () => generation === state.generation;
    setStatus(state.attempt === 0 ? 'connecting' : 'reconnecting', state.attempt === 0 ? 'connecting…' : 'reconnecting…');
    let ws;
    try {
      ws = new WebSocket(state.endpoints.wsUrl);
    } catch (e) {
      scheduleReconnect(generation);
      return;
    }
    state.ws = ws;
    ws.onopen = () => {
      if (!current()) return;
      ws.send(JSON.stringify({ authToken: state.token, roomId: state.roomId, acks: true }));
      state.attempt = 0;
      setStatus('connected', 'connected');
      emit('connected');
      // let the server place us in the room first, then ask for the member list (broadcast as op 5)
      scheduleRoomInfo(300);
    };
    ws.onmessage = (event) => { if (current()) onFrame(event.data); };
    ws.onclose = () => { if (current()) scheduleReconnect(generation); };
    ws.onerror = () => { /* onclose follows */ };
  }

  function scheduleReconnect(generation) {
    if (generation !== state.generation || !state.token) return;
    const delay = BACKOFF_MS[Math.min(state.attempt, BACKOFF_MS.length - 1)] + Math.floor(Math.random() * 400);
    state.attempt++;
    setStatus('reconnecting', `reconnecting in ${Math.ceil(delay / 1000)}s…`);
    state.reconnectTimer = setTimeout(async () => {
      if (generation !== state.generation) return;
      try {
        if (!(await checkAuth())) {
          if (state.token) sessionLost();
          return;
        }
      } catch (e) {
        // api unreachable as well: keep trying the socket
      }
      if (generation === state.generation) connect();
    }, delay);
  }

  function scheduleRoomInfo(delayMs) {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => {
      authed('/push/getRoomInfo', { roomId: state.roomId }).catch(() => {});
    }, delayMs);
  }

  // ---------- incoming frames ----------

  function onFrame(data) {
    const frame = parseFrame(data);
    if (!frame) {
      // gochat sends an empty frame when someone leaves; a member list refresh may be due
      if (typeof data === 'string' && data.trim() === '') scheduleRoomInfo(400 + Math.random() * 600);
      return;
    }
    handleFrame(frame);
  }

  // a parsed frame, live or fetched by sync.js (/message/sync): duplicates dropped by msgId, then shown
  function handleFrame(frame) {
    if (frame.op === undefined || frame.op === null) {
      if (frame.code !== undefined && frame.code !== 0) notice(String(frame.msg || frame.message || 'server error'));
      return;
    }
    if (frame.msgId !== undefined && frame.msgId !== null && frame.msgId !== '') {
      const id = String(frame.msgId);
      if (Number(frame.op) === OP_PRIVATE) ack(id);   // shown now or before: either way, received
      if (state.seenIds.has(id)) return;
      remember(id);
    }
    if (window.gochatSync) window.gochatSync.seen(frame);   // sync.js: a jump in seq fetches the gap
    switch (Number(frame.op)) {
      case OP_PRIVATE: onPrivate(frame); break;
      case OP_ROOM: onRoomMessage(frame); break;
      case OP_COUNT: onCount(frame); break;
      case OP_ROOM_INFO: onRoomInfo(frame); break;
      default:
        if (frame.op >= 40 && frame.op <= 59 && window.gochatMessages) window.gochatMessages.onEvent(frame);   // messages.js
        else {
          emit('frame', frame);   // groups.js
          document.dispatchEvent(new CustomEvent('gochat:frame', { detail: frame }));   // contacts.js: ops 20–29
        }
        break;
    }
  }

  function ack(msgId) {
    const ws = state.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ op: OP_ACK, msgId: String(msgId) }));
    }
  }

  // Once the server has us in the room (we are in its member list), the recent history may be read.
  async function loadHistory() {
    const roomId = state.roomId;
    state.historyRoom = roomId;
    let reply;
    try {
      reply = await authed('/history/room', { roomId, limit: HISTORY_LIMIT });
    } catch (e) {
      return;
    }
    if (roomId !== state.roomId || reply.code !== 0 || !Array.isArray(reply.data)) return;
    const items = [];
    for (const frame of reply.data) {   // oldest first
      if (!frame || frame.msgId === undefined || frame.msg === undefined || frame.msg === null) continue;
      const id = String(frame.msgId);
      if (window.gochatSync) window.gochatSync.seen(frame);   // sync.js: numbers from here on are followed
      if (state.seenIds.has(id)) continue;
      remember(id);
      const li = messageItem({
        kind: 'room', frame,
        author: String(frame.fromUserName || `user ${frame.fromUserId}`),
        mine: isMe(frame.fromUserId),
      });
      li.dataset.history = 'true';
      items.push(li);
    }
    if (window.gochatSync) window.gochatSync.started(`r:${roomId}`, 0);   // an empty room: from its first message
    const list = el('messages');
    list.prepend(...items);   // older than anything that arrived live meanwhile
    list.scrollTop = list.scrollHeight;
  }

  function remember(id) {
    state.seenIds.add(id);
    if (state.seenIds.size > MAX_SEEN_IDS) {
      state.seenIds.delete(state.seenIds.values().next().value);
    }
  }

  function isMe(userId) {
    return state.user !== null && String(userId) === state.user.userId;
  }

  function onRoomMessage(frame) {
    if (frame.roomId !== undefined && Number(frame.roomId) !== state.roomId) return;
    if (frame.msg === undefined || frame.msg === null) return;
    addMessage({
      kind: 'room', frame,
      author: String(frame.fromUserName || `user ${frame.fromUserId}`),
      mine: isMe(frame.fromUserId),
    });
  }

  function onPrivate(frame) {
    if (frame.msg === undefined || frame.msg === null) return;
    const mine = isMe(frame.fromUserId);
    if (mine && takeLocalEcho(String(frame.toUserId), String(frame.msg))) return;
    addMessage({
      kind: 'private', frame, mine,
      author: mine ? `you → ${frame.toUserName || frame.toUserId}` : String(frame.fromUserName || `user ${frame.fromUserId}`),
      tag: mine ? 'private' : 'private to you',
    });
  }

  function takeLocalEcho(toUserId, msg) {
    const now = Date.now();
    state.localEchoes = state.localEchoes.filter((e) => now - e.at < 30000);
    const i = state.localEchoes.findIndex((e) => e.toUserId === toUserId && e.msg === msg);
    if (i < 0) return false;
    state.localEchoes.splice(i, 1);
    return true;
  }

  function onCount(frame) {
    const count = Number(frame.count);
    if (!Number.isFinite(count)) return;
    el('online-count').textContent = String(count);
    const changed = state.lastCount !== count;
    state.lastCount = count;
    if (changed && count !== state.members.size) {
      // jitter so that one client's getRoomInfo (broadcast to all) usually cancels the others'
      scheduleRoomInfo(250 + Math.random() * 750);
    }
  }

  function onRoomInfo(frame) {
    if (frame.roomId !== undefined && Number(frame.roomId) !== state.roomId) return;
    const info = frame.roomUserInfo && typeof frame.roomUserInfo === 'object' ? frame.roomUserInfo : {};
    const count = Number.isFinite(Number(frame.count)) ? Number(frame.count) : Object.keys(info).length;
    setMembers(info, count);
    if (state.historyRoom !== state.roomId && state.user && state.members.has(state.user.userId)) loadHistory();
    if (state.lastCount === null || state.lastCount === count) clearTimeout(state.refreshTimer);
    state.lastCount = count;
  }

  // ---------- rendering ----------

  function setMembers(info, count) {
    state.members = new Map(Object.entries(info).map(([id, name]) => [String(id), String(name)]));
    el('online-count').textContent = String(count);
    const list = el('member-list');
    const items = [...state.members.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([userId, userName]) => memberItem(userId, userName));
    list.replaceChildren(...items);
  }

  function memberItem(userId, userName) {
    const li = document.createElement('li');
    li.dataset.testid = 'member';
    li.dataset.userId = userId;
    li.dataset.userName = userName;
    const me = isMe(userId);
    if (me) li.className = 'me';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = userName;
    button.title = me ? 'This is you' : `Send ${userName} a private message`;
    if (!me) button.addEventListener('click', () => openPrivate(userId, userName));
    li.append(button);
    return li;
  }

  function addMessage(message) {
    appendItem(messageItem(message));
  }

  function messageItem({ kind, frame, author, mine, tag }) {
    const li = document.createElement('li');
    li.dataset.testid = 'message';
    li.dataset.kind = kind;
    li.dataset.mine = String(Boolean(mine));
    if (frame.msgId !== undefined) li.dataset.msgId = String(frame.msgId);
    if (frame.fromUserId !== undefined) li.dataset.fromUserId = String(frame.fromUserId);
    if (frame.seq !== undefined) li.dataset.seq = String(frame.seq);   // the conversation's number (sync.js)
    if (frame.synced) li.dataset.synced = 'true';
    li.className = `msg ${kind}${mine ? ' mine' : ''}`;

    const meta = document.createElement('div');
    meta.className = 'meta';
    const who = document.createElement('span');
    who.className = 'author';
    who.textContent = author;
    meta.append(who);
    if (tag) {
      const t = document.createElement('span');
      t.className = 'tag';
      t.textContent = tag;
      meta.append(t);
    }
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = formatTime(frame);
    meta.append(time);

    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = String(frame.msg);
    li.append(meta, text);
    if (window.gochatMessages) window.gochatMessages.decorate(li, frame);   // messages.js: typed bodies, recall, ticks
    return li;
  }

  function appendItem(li) {
    const list = el('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    // a room message fetched to fill a gap goes before the room's later ones already shown
    const later = li.dataset.kind === 'room' && li.dataset.seq ? [...list.children].find((o) =>
      o.dataset.kind === 'room' && o.dataset.seq && Number(o.dataset.seq) > Number(li.dataset.seq)) : null;
    if (later) list.insertBefore(li, later); else list.append(li);
    while (list.childElementCount > MAX_MESSAGES) list.firstElementChild.remove();
    if (atBottom || li.dataset.mine === 'true') list.scrollTop = list.scrollHeight;
  }

  // ---------- sending ----------

  async function sendRoom(event) {
    event.preventDefault();
    const input = el('message-input');
    const msg = input.value.trim();
    if (!msg) return;
    el('send').disabled = true;
    try {
      const reply = await authed('/push/pushRoom', { msg, roomId: state.roomId });
      if (reply.code === 0) {
        input.value = '';
      } else if (reply.code !== 40000) {
        notice(`Not sent: ${reply.message || 'error'}`);
      }
    } catch (e) {
      notice('Not sent: cannot reach the server.');
    } finally {
      el('send').disabled = false;
      input.focus();
    }
  }

  function openPrivate(userId, userName) {
    state.privateTo = { userId, userName };
    el('private-target').textContent = userName;
    show('private-form', true);
    document.body.classList.remove('show-sidebar');
    el('private-input').focus();
  }

  function closePrivate() {
    state.privateTo = null;
    show('private-form', false);
  }

  async function sendPrivate(event) {
    event.preventDefault();
    const target = state.privateTo;
    const input = el('private-input');
    const msg = input.value.trim();
    if (!target || !msg) return;
    el('send-private').disabled = true;
    try {
      const reply = await authed('/push/push', { msg, toUserId: target.userId, roomId: state.roomId });
      if (reply.code === 0) {
        input.value = '';
        state.localEchoes.push({ toUserId: target.userId, msg, at: Date.now() });
        addMessage({
          kind: 'private', mine: true, tag: 'private',
          author: `you → ${target.userName}`,
          frame: { msg, fromUserId: state.user.userId, serverTime: Date.now() },
        });
      } else if (reply.code !== 40000) {
        notice(`Not sent: ${reply.message || 'error'}`);
      }
    } catch (e) {
      notice('Not sent: cannot reach the server.');
    } finally {
      el('send-private').disabled = false;
    }
  }

  function pickRoom(event) {
    if (event) event.preventDefault();
    const roomId = Number(el('room-picker').value);
    if (!Number.isInteger(roomId) || roomId < 1) {
      el('room-picker').value = String(state.roomId);
      notice('Room ids are whole numbers from 1.');
      return;
    }
    document.body.classList.remove('show-sidebar');
    if (roomId !== state.roomId || !state.ws) joinRoom(roomId);
  }

  // ---------- start ----------

  function wire() {
    el('auth-form').addEventListener('submit', (e) => { e.preventDefault(); loginOrRegister('/user/login'); });
    el('register').addEventListener('click', () => loginOrRegister('/user/register'));
    el('logout').addEventListener('click', logout);
    el('composer').addEventListener('submit', sendRoom);
    el('private-form').addEventListener('submit', sendPrivate);
    el('close-private').addEventListener('click', closePrivate);
    el('room-form').addEventListener('submit', pickRoom);
    el('room-picker').addEventListener('change', pickRoom);
    el('toggle-sidebar').addEventListener('click', () => document.body.classList.toggle('show-sidebar'));
  }

  async function start() {
    wire();
    try {
      await loadEndpoints();
    } catch (e) {
      authError('Cannot load /config.json from the site server.');
      return;
    }
    if (!state.token) return;
    try {
      if (await checkAuth()) {
        enterChat();
      } else if (state.token) {
        leaveChat();
      }
    } catch (e) {
      authError('Cannot reach the api to check your session.');
    }
  }

  // what messages.js uses besides the feature scripts' common part (window.gochat above)
  Object.assign(window.gochat, { state, el, ack, addMessage, isMe, handle: (frame) => handleFrame(frame) });

  start();
})();
