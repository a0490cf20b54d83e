/*
 * gochat chat page: the contacts panel (profile, search, friend requests, friends, blocks) and the live
 * notification badge. Plain JS, no build step. It talks to app.js through window.gochat (authed calls,
 * the current user, opening a private conversation, the notice line) and the events app.js dispatches:
 * gochat:enter, gochat:leave, gochat:frame (frames app.js does not handle itself: ops 20-25).
 *
 * Stable data-testid attributes (tests rely on them):
 *   contacts-toggle, contacts-badge (unseen notifications, including those stored while this browser was
 *                    away: /contacts/notices after the last one seen here; hidden at 0), contacts-panel
 *   profile-form, profile-nickname, profile-status, profile-bio, profile-avatar, profile-save
 *   search-form, search-input, request-note, search, search-results,
 *     search-result (data-user-id, data-user-name, data-status) with add-friend, block-user
 *   requests, request (data-request-id, data-direction = incoming | outgoing) with accept-request, decline-request
 *   friends, friend (data-user-id, data-user-name, data-status) with .friend-name, friend-status,
 *     message-friend, remark-friend, remark-input, remark-save, remove-friend, block-friend
 *   blocked, blocked-user (data-user-id) with unblock-user
 *
 * User-provided text is only ever put into the page with textContent.
 */
(() => {
  'use strict';

  const OP_REQUEST = 20, OP_ACCEPTED = 21, OP_DECLINED = 22, OP_REMOVED = 23, OP_PROFILE = 24, OP_PRESENCE = 25;
  const el = (id, root) => (root || document).querySelector(`[data-testid="${id}"]`);
  const state = { unseen: 0, open: false, friends: new Map(), newestNotice: null };
  const noticeKey = () => `gochat.lastNotice.${gochat().user().userId}`;

  function node(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'testid') n.dataset.testid = v;
      else if (k === 'class') n.className = v;
      else if (k.startsWith('data-')) n.setAttribute(k, v);
      else n[k] = v;
    }
    for (const c of children) n.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return n;
  }

  const gochat = () => window.gochat;

  /** A call the user asked for: a refusal is shown on the notice line. */
  async function call(path, body) {
    const reply = await load(path, body);
    if (reply.code !== 0 && reply.code !== 40000) gochat().notice(reply.message || 'That did not work.');
    return reply;
  }

  /** A call made in the background (loading lists): quiet when it fails. */
  async function load(path, body) {
    try {
      const reply = await gochat().authed(path, body || {});
      return reply && typeof reply === 'object' ? reply : { code: -1 };
    } catch (e) {
      return { code: -1, message: 'Cannot reach the server.' };
    }
  }

  function shownName(user, remark) {
    return remark || user.nickname || user.userName;
  }

  function lastSeenText(user) {
    if (user.status !== 'offline') return user.status;
    const at = Number(user.lastSeen);
    return at > 0 ? `offline, last seen ${new Date(at).toLocaleString()}` : 'offline';
  }

  // ---------- the panel ----------

  function build() {
    const toggle = node('button', { type: 'button', testid: 'contacts-toggle', class: 'contacts-toggle', title: 'Contacts' },
      node('span', { class: 'contacts-label' }, 'Contacts'), node('span', { class: 'contacts-icon', 'aria-hidden': 'true' }, '\u{1F465}'),
      node('span', { testid: 'contacts-badge', class: 'badge', hidden: true }, '0'));
    toggle.addEventListener('click', () => setOpen(!state.open));
    const who = document.querySelector('[data-testid="current-user-box"]');
    who.prepend(toggle);

    const panel = el('contacts-panel');
    const statuses = ['online', 'away', 'busy', 'invisible'].map((s) => node('option', { value: s }, s));
    panel.append(
      node('h2', {}, 'Contacts'),
      node('form', { testid: 'profile-form', class: 'stack' },
        node('h3', {}, 'My profile'),
        node('input', { testid: 'profile-nickname', placeholder: 'Nickname', maxLength: 40 }),
        node('select', { testid: 'profile-status' }, ...statuses),
        node('input', { testid: 'profile-bio', placeholder: 'Short bio', maxLength: 280 }),
        node('input', { testid: 'profile-avatar', placeholder: 'Avatar URL (https://…)', maxLength: 512 }),
        node('button', { type: 'submit', testid: 'profile-save' }, 'Save profile')),
      node('form', { testid: 'search-form', class: 'stack' },
        node('h3', {}, 'Find people'),
        node('input', { testid: 'search-input', placeholder: 'Name or nickname starts with…', maxLength: 40 }),
        node('input', { testid: 'request-note', placeholder: 'Note with a friend request (optional)', maxLength: 200 }),
        node('button', { type: 'submit', testid: 'search' }, 'Search')),
      node('ul', { testid: 'search-results', class: 'people' }),
      node('h3', {}, 'Requests'),
      node('ul', { testid: 'requests', class: 'people' }),
      node('h3', {}, 'Friends'),
      node('ul', { testid: 'friends', class: 'people' }),
      node('h3', {}, 'Blocked'),
      node('ul', { testid: 'blocked', class: 'people' }));
    el('profile-form').addEventListener('submit', saveProfile);
    el('search-form').addEventListener('submit', search);
  }

  function setOpen(open) {
    state.open = open;
    el('contacts-panel').hidden = !open;
    if (open) {
      setUnseen(0);
      if (state.newestNotice) localStorage.setItem(noticeKey(), state.newestNotice);
      refreshAll();
    }
  }

  function setUnseen(n) {
    state.unseen = n;
    const badge = el('contacts-badge');
    badge.textContent = String(n);
    badge.hidden = n === 0;
  }

  // ---------- profile and search ----------

  async function loadProfile() {
    const reply = await load('/user/profile');
    if (reply.code !== 0 || !reply.data) return;
    el('profile-nickname').value = reply.data.nickname || '';
    el('profile-status').value = reply.data.status || 'online';
    el('profile-bio').value = reply.data.bio || '';
    el('profile-avatar').value = reply.data.avatarUrl || '';
  }

  async function saveProfile(event) {
    event.preventDefault();
    const reply = await call('/user/profile/update', {
      nickname: el('profile-nickname').value, status: el('profile-status').value,
      bio: el('profile-bio').value, avatarUrl: el('profile-avatar').value,
    });
    if (reply.code === 0) gochat().notice('Profile saved.');
  }

  async function search(event) {
    event.preventDefault();
    const prefix = el('search-input').value.trim();
    if (!prefix) return;
    const reply = await call('/user/search', { prefix });
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    const me = gochat().user();
    el('search-results').replaceChildren(...reply.data
      .filter((u) => String(u.userId) !== me.userId)
      .map((u) => {
        const add = node('button', { type: 'button', testid: 'add-friend' }, 'Add');
        add.addEventListener('click', async () => {
          const r = await call('/contacts/request', { toUserId: String(u.userId), note: el('request-note').value });
          if (r.code === 0) {
            gochat().notice(r.message);
            refreshAll();
          }
        });
        const block = node('button', { type: 'button', testid: 'block-user', class: 'danger' }, 'Block');
        block.addEventListener('click', () => blockUser(u.userId));
        return node('li', { testid: 'search-result', 'data-user-id': u.userId, 'data-user-name': u.userName, 'data-status': u.status },
          person(u, ''), node('div', { class: 'actions' }, add, block));
      }));
  }

  function person(user, remark) {
    const dot = node('span', { class: `presence ${user.status}`, title: user.status });
    const name = node('span', { class: 'friend-name' }, shownName(user, remark));
    const sub = node('span', { class: 'muted small', testid: 'friend-status' }, lastSeenText(user));
    const alias = user.userName !== shownName(user, remark) ? node('span', { class: 'muted small' }, ` @${user.userName}`) : '';
    return node('div', { class: 'person' }, dot, node('div', {}, name, alias, node('br'), sub));
  }

  // ---------- requests, friends, blocks ----------

  async function loadRequests() {
    const reply = await load('/contacts/requests', { box: 'pending' });
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    const me = gochat().user();
    el('requests').replaceChildren(...reply.data.map((r) => {
      const incoming = String(r.toUserId) === me.userId;
      const li = node('li', { testid: 'request', 'data-request-id': r.id, 'data-direction': incoming ? 'incoming' : 'outgoing' },
        node('div', {}, incoming ? `from ${r.fromUserName}` : `to ${r.toUserName}`),
        r.note ? node('div', { class: 'note' }, `“${r.note}”`) : '');
      if (incoming) {
        const accept = node('button', { type: 'button', testid: 'accept-request', class: 'primary' }, 'Accept');
        const decline = node('button', { type: 'button', testid: 'decline-request' }, 'Decline');
        accept.addEventListener('click', () => answer(r.id, true));
        decline.addEventListener('click', () => answer(r.id, false));
        li.append(node('div', { class: 'actions' }, accept, decline));
      }
      return li;
    }));
  }

  async function answer(requestId, accept) {
    const reply = await call('/contacts/answer', { requestId: String(requestId), accept });
    if (reply.code === 0) gochat().notice(reply.message);
    refreshAll();
  }

  async function loadFriends() {
    const reply = await load('/contacts/friends');
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    state.friends = new Map(reply.data.map((f) => [String(f.user.userId), f]));
    renderFriends();
  }

  function renderFriends() {
    el('friends').replaceChildren(...[...state.friends.values()].map((f) => {
      const u = f.user;
      const message = node('button', { type: 'button', testid: 'message-friend', class: 'primary' }, 'Message');
      message.addEventListener('click', () => gochat().openPrivate(String(u.userId), shownName(u, f.remark)));
      const remark = node('button', { type: 'button', testid: 'remark-friend' }, 'Remark');
      const remove = node('button', { type: 'button', testid: 'remove-friend' }, 'Remove');
      const block = node('button', { type: 'button', testid: 'block-friend', class: 'danger' }, 'Block');
      const li = node('li', { testid: 'friend', 'data-user-id': u.userId, 'data-user-name': u.userName, 'data-status': u.status },
        person(u, f.remark), node('div', { class: 'actions' }, message, remark, remove, block));
      remark.addEventListener('click', () => editRemark(li, f));
      remove.addEventListener('click', async () => {
        if ((await call('/contacts/remove', { friendId: String(u.userId) })).code === 0) refreshAll();
      });
      block.addEventListener('click', () => blockUser(u.userId));
      return li;
    }));
  }

  function editRemark(li, friend) {
    if (el('remark-input', li)) return;
    const input = node('input', { testid: 'remark-input', maxLength: 40, value: friend.remark || '', placeholder: 'Your name for them' });
    const save = node('button', { type: 'submit', testid: 'remark-save' }, 'Save');
    const form = node('form', { class: 'row' }, input, save);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reply = await call('/contacts/remark', { friendId: String(friend.user.userId), remark: input.value });
      if (reply.code === 0) loadFriends();
    });
    li.append(form);
    input.focus();
  }

  async function blockUser(userId) {
    if ((await call('/contacts/block', { userId: String(userId) })).code === 0) {
      el('search-results').replaceChildren();
      refreshAll();
    }
  }

  async function loadBlocked() {
    const reply = await load('/contacts/blocked');
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    el('blocked').replaceChildren(...reply.data.map((u) => {
      const unblock = node('button', { type: 'button', testid: 'unblock-user' }, 'Unblock');
      unblock.addEventListener('click', async () => {
        if ((await call('/contacts/unblock', { userId: String(u.userId) })).code === 0) loadBlocked();
      });
      return node('li', { testid: 'blocked-user', 'data-user-id': u.userId }, person(u, ''), node('div', { class: 'actions' }, unblock));
    }));
  }

  function refreshAll() {
    if (!gochat().user()) return;
    loadRequests();
    loadFriends();
    loadBlocked();
  }

  // ---------- live notifications ----------

  /** What arrived while this browser was away: the stored notices after the last one seen here. */
  async function catchUp() {
    const since = localStorage.getItem(noticeKey());
    const reply = await load('/contacts/notices', since ? { sinceId: since, limit: 200 } : { limit: 1 });
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    if (reply.data.length === 0) {
      if (!since) localStorage.setItem(noticeKey(), '1');   // seen all (none yet): count from the start next time
      return;
    }
    state.newestNotice = String(reply.data[reply.data.length - 1].noticeId);
    if (since) {
      setUnseen(state.unseen + reply.data.length);
    } else {
      localStorage.setItem(noticeKey(), state.newestNotice);   // a first visit here: the lists show the rest
    }
  }

  function onFrame(frame) {
    const op = Number(frame.op);
    if (op < OP_REQUEST || op > OP_PRESENCE) return;
    if (op !== OP_PRESENCE && frame.noticeId) {
      state.newestNotice = String(frame.noticeId);
      if (state.open) localStorage.setItem(noticeKey(), state.newestNotice);
    }
    if (op === OP_PRESENCE || op === OP_PROFILE) {
      const id = String(op === OP_PRESENCE ? frame.userId : frame.user && frame.user.userId);
      const f = state.friends.get(id);
      if (f) {
        if (op === OP_PRESENCE) f.user.status = frame.status;
        else f.user = frame.user;
        renderFriends();
      }
      if (op === OP_PRESENCE) return;   // comings and goings do not count as news
    }
    if (op === OP_REQUEST) gochat().notice(`${frame.request.fromUserName} wants to be your friend`);
    if (op === OP_ACCEPTED) gochat().notice(`${frame.user.userName} is now your friend`);
    if (!state.open) setUnseen(state.unseen + 1);
    if (op === OP_REQUEST || op === OP_ACCEPTED || op === OP_DECLINED || op === OP_REMOVED) refreshAll();
  }

  document.addEventListener('gochat:frame', (e) => onFrame(e.detail));
  document.addEventListener('gochat:enter', () => {
    setUnseen(0);
    state.newestNotice = null;
    loadProfile();
    refreshAll();
    catchUp();
  });
  document.addEventListener('gochat:leave', () => {
    setOpen(false);
    state.friends = new Map();
    for (const id of ['search-results', 'requests', 'friends', 'blocked']) el(id).replaceChildren();
  });
  build();
})();
