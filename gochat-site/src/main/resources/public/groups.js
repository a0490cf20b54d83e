/*
 * Groups on the gochat page: the caller's groups, creating, finding and joining one, a group's conversation
 * (messages over the socket as op 30, HTTP when the socket is down), members with roles and the admin actions
 * the caller's role allows, join requests, and a badge counting group events (op 31). Uses window.gochat from
 * app.js; the server checks every rule, the page only hides buttons that would be refused.
 *
 * Stable data-testid attributes (tests rely on them):
 *   groups-panel, group-badge (unseen events; opens group-notices with a group-notice per notice), group-create-name, group-create-policy, group-create,
 *   group-find-input, group-find, group-result (data-group-id), group-join,
 *   group-list, group-item (data-group-id, data-role, data-unread),
 *   group-view, group-title, group-close, group-leave, group-dissolve,
 *   group-members, group-member (data-user-id, data-user-name, data-role; .role), group-promote, group-demote,
 *   group-kick, group-mute, group-requests, group-request (data-user-id), group-approve, group-decline,
 *   group-invite-input, group-invite, group-messages, group-message (data-kind = group | event, data-msg-id;
 *   .author, .text), group-composer, group-input, group-send
 *
 * User-provided text is only ever put into the page with textContent.
 */
(() => {
  'use strict';

  const OP_GROUP = 30, OP_GROUP_EVENT = 31, OP_RECALL = 41;
  const MEMBERSHIP_EVENTS = new Set(['added', 'removed', 'left', 'dissolved', 'owner_changed', 'role_changed',
    'member_joined', 'member_left', 'member_kicked', 'group_edited', 'member_muted', 'group_muted']);
  /** Events kept as this user's notices: to the user alone, or group events about the user. */
  const NOTICES = new Set(['added', 'removed', 'left', 'join_request', 'request_declined', 'dissolved']);
  const ABOUT_SOMEONE = new Set(['role_changed', 'member_muted', 'owner_changed']);
  const g = window.gochat;
  const state = { groups: new Map(), open: null, lastId: new Map(), seen: new Set(), unseen: 0, members: [] };

  const make = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'testid') e.dataset.testid = v;
      else if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const q = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);
  const me = () => (g.user() ? String(g.user().userId) : '');

  // ---------- the panel in the sidebar ----------

  function buildPanel() {
    const panel = q('groups-panel');
    const head = make('div', { class: 'groups-head' });
    head.append(make('h2', {}, 'Groups'));
    const badge = make('button', { testid: 'group-badge', class: 'group-badge', type: 'button', title: 'Group events' }, '0');
    badge.hidden = true;
    badge.addEventListener('click', showNotices);
    head.append(badge);

    const create = make('form', { class: 'group-form', testid: 'group-create-form' });
    const name = make('input', { testid: 'group-create-name', maxlength: '64', placeholder: 'New group name' });
    const policy = make('select', { testid: 'group-create-policy', 'aria-label': 'Who may join' });
    [['open', 'anyone joins'], ['approval', 'ask to join'], ['invite', 'invite only']]
      .forEach(([v, label]) => policy.append(make('option', { value: v }, label)));
    create.append(name, make('div', { class: 'row' }));
    create.lastChild.append(policy, make('button', { testid: 'group-create', type: 'submit' }, 'Create'));
    create.addEventListener('submit', (e) => { e.preventDefault(); createGroup(name, policy); });

    const find = make('form', { class: 'group-form' });
    const findInput = make('input', { testid: 'group-find-input', maxlength: '64', placeholder: 'Find a group (name or id)' });
    find.append(make('div', { class: 'row' }));
    find.lastChild.append(findInput, make('button', { testid: 'group-find', type: 'submit' }, 'Find'));
    find.addEventListener('submit', (e) => { e.preventDefault(); search(findInput.value); });

    const notices = make('ul', { class: 'group-notices', testid: 'group-notices', 'aria-label': 'Group notices' });
    notices.hidden = true;
    panel.replaceChildren(head, notices, make('ul', { class: 'group-list', testid: 'group-list', 'aria-label': 'My groups' }),
      create, find, make('ul', { class: 'group-results', testid: 'group-results' }));
  }

  function renderBadge() {
    const badge = q('group-badge');
    badge.textContent = String(state.unseen);
    badge.hidden = state.unseen === 0;
  }

  const noticeKey = () => `gochat.groupNotices.${me()}`;

  /** Notices stored while this user was away (or since they last looked) count into the badge. */
  async function countStoredNotices() {
    const reply = await g.api('/group/notices', { sinceId: localStorage.getItem(noticeKey()) || '0', limit: 200 });
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    state.unseen += reply.data.length;
    renderBadge();
  }

  /** The badge opens the notices not seen yet (stored ones, which include those that came live). */
  async function showNotices() {
    const list = q('group-notices');
    if (!list.hidden) { list.hidden = true; return; }
    const reply = await g.api('/group/notices', { sinceId: localStorage.getItem(noticeKey()) || '0', limit: 200 });
    const items = reply.code === 0 && Array.isArray(reply.data) ? reply.data : [];
    list.replaceChildren(...items.slice(-20).map((n) => make('li', { testid: 'group-notice' }, describe(n))));
    if (items.length === 0) list.append(make('li', { class: 'muted' }, 'nothing new'));
    if (items.length > 0) localStorage.setItem(noticeKey(), String(items[items.length - 1].msgId));
    list.hidden = false;
    state.unseen = 0;
    renderBadge();
  }

  async function loadMine() {
    const reply = await g.api('/group/mine', {});
    if (reply.code !== 0 || !Array.isArray(reply.data)) return;
    state.groups = new Map(reply.data.map((grp) => [String(grp.groupId), grp]));
    const list = q('group-list');
    list.replaceChildren(...reply.data.map((grp) => {
      const li = make('li', { testid: 'group-item', 'data-group-id': String(grp.groupId), 'data-role': grp.myRole || '' });
      const b = make('button', { type: 'button', class: 'group-open' });
      b.append(make('span', { class: 'name' }, grp.name), make('span', { class: 'role' }, grp.myRole || ''),
        make('span', { class: 'unread' }));
      b.addEventListener('click', () => openGroup(String(grp.groupId)));
      li.append(b);
      return li;
    }));
    if (state.open && !state.groups.has(state.open)) closeGroup();
  }

  function markUnread(groupId) {
    const li = document.querySelector(`[data-testid="group-item"][data-group-id="${groupId}"]`);
    if (!li) return;
    const n = Number(li.dataset.unread || 0) + 1;
    li.dataset.unread = String(n);
    li.querySelector('.unread').textContent = String(n);
  }

  async function createGroup(nameInput, policy) {
    const name = nameInput.value.trim();
    if (!name) return;
    const reply = await g.api('/group/create', { name, joinPolicy: policy.value });
    if (reply.code !== 0) { g.notice(reply.message); return; }
    nameInput.value = '';
    await loadMine();
    openGroup(String(reply.data.groupId));
  }

  async function search(text) {
    const query = text.trim();
    if (!query) return;
    const reply = await g.api('/group/search', { query });
    const list = q('group-results');
    if (reply.code !== 0) { g.notice(reply.message); return; }
    list.replaceChildren(...reply.data.map((grp) => {
      const li = make('li', { testid: 'group-result', 'data-group-id': String(grp.groupId) });
      li.append(make('span', { class: 'name' }, `${grp.name} (#${grp.groupId}, ${grp.memberCount}/${grp.memberLimit}, ${grp.joinPolicy})`));
      if (!state.groups.has(String(grp.groupId)) && grp.joinPolicy !== 'invite') {
        const join = make('button', { testid: 'group-join', type: 'button' }, grp.joinPolicy === 'approval' ? 'Ask to join' : 'Join');
        join.addEventListener('click', () => joinGroup(String(grp.groupId)));
        li.append(join);
      }
      return li;
    }));
  }

  async function joinGroup(groupId) {
    const reply = await g.api('/group/join', { groupId });
    g.notice(reply.message);
    if (reply.code === 0) {
      q('group-results').replaceChildren();
      await loadMine();
    }
  }

  // ---------- a group's view ----------

  function buildView() {
    const view = make('section', { class: 'group-view', testid: 'group-view', 'aria-label': 'Group' });
    view.hidden = true;
    const head = make('div', { class: 'group-view-head' });
    head.append(make('strong', { testid: 'group-title' }),
      make('button', { testid: 'group-leave', type: 'button', class: 'link-button' }, 'Leave'),
      make('button', { testid: 'group-dissolve', type: 'button', class: 'link-button danger' }, 'Dissolve'),
      make('button', { testid: 'group-close', type: 'button', class: 'link-button', 'aria-label': 'Back to the room' }, '×'));
    const body = make('div', { class: 'group-view-body' });
    const side = make('div', { class: 'group-side' });
    const invite = make('form', { class: 'row group-invite' });
    invite.append(make('input', { testid: 'group-invite-input', placeholder: 'user id to add', inputmode: 'numeric' }),
      make('button', { testid: 'group-invite', type: 'submit' }, 'Add'));
    side.append(make('h3', {}, 'Members'), make('ul', { testid: 'group-members', class: 'group-members' }),
      make('h3', { class: 'requests-title' }, 'Requests'), make('ul', { testid: 'group-requests', class: 'group-requests' }),
      invite);
    const talk = make('div', { class: 'group-talk' });
    const composer = make('form', { testid: 'group-composer', class: 'composer' });
    const attachInput = make('input', { type: 'file', testid: 'group-attach-input', hidden: '' });
    const attach = make('button', { type: 'button', class: 'attach', testid: 'group-attach', title: 'Send a file to the group' }, 'Attach');
    attach.addEventListener('click', () => attachInput.click());
    attachInput.addEventListener('change', () => {
      const groupId = state.open;
      if (groupId && window.gochatMessages) for (const f of attachInput.files) window.gochatMessages.upload(f, { groupId });
      attachInput.value = '';
    });
    composer.append(attach, attachInput,
      make('input', { testid: 'group-input', maxlength: '1000', placeholder: 'Message the group…', autocomplete: 'off' }),
      make('button', { testid: 'group-send', type: 'submit', class: 'primary' }, 'Send'));
    talk.append(make('ol', { testid: 'group-messages', class: 'messages', 'aria-live': 'polite' }), composer);
    body.append(talk, side);
    view.append(head, body);
    document.querySelector('#chat-view').append(view);

    q('group-close').addEventListener('click', closeGroup);
    q('group-leave').addEventListener('click', () => act('/group/leave', {}));
    q('group-dissolve').addEventListener('click', () => act('/group/dissolve', {}));
    composer.addEventListener('submit', (e) => { e.preventDefault(); send(); });
    invite.addEventListener('submit', (e) => {
      e.preventDefault();
      const input = q('group-invite-input');
      act('/group/invite', { userId: input.value.trim() }).then(() => { input.value = ''; });
    });
  }

  function myRole() {
    const grp = state.groups.get(state.open);
    return grp ? grp.myRole : '';
  }

  async function openGroup(groupId) {
    state.open = groupId;
    const grp = state.groups.get(groupId);
    q('group-title').textContent = grp ? `${grp.name} · #${groupId}` : `#${groupId}`;
    q('group-messages').replaceChildren();
    state.seen.clear();
    const li = document.querySelector(`[data-testid="group-item"][data-group-id="${groupId}"]`);
    if (li) { li.dataset.unread = '0'; li.querySelector('.unread').textContent = ''; }
    q('group-view').hidden = false;
    document.body.classList.add('group-open');
    const role = myRole();
    q('group-dissolve').hidden = role !== 'owner';
    q('group-leave').hidden = role === 'owner';
    for (const cls of ['requests-title', 'group-invite']) document.querySelector(`.${cls}`).hidden = role === 'member';
    q('group-requests').hidden = role === 'member';
    const history = await g.api('/group/history', { groupId, limit: 50 });
    if (history.code === 0 && state.open === groupId) history.data.forEach((frame) => show(frame, true));
    readOpen();
    if (window.gochatMessages) window.gochatMessages.refreshGroupReads(0);
    await Promise.all([loadMembers(), loadRequests()]);
    q('group-input').focus();
  }

  /** The open group is read up to its newest message from someone else (op 43 with groupId). */
  function readOpen() {
    const groupId = state.open;
    if (!groupId || !window.gochatMessages) return;
    const others = [...document.querySelectorAll('[data-testid="group-message"][data-kind="group"][data-mine="false"]')];
    const last = others.length ? others[others.length - 1].dataset.msgId : null;
    if (last) window.gochatMessages.reportGroupRead(groupId, last);
  }

  function closeGroup() {
    state.open = null;
    q('group-view').hidden = true;
    document.body.classList.remove('group-open');
  }

  async function loadMembers() {
    const groupId = state.open;
    if (!groupId) return;
    const reply = await g.api('/group/members', { groupId });
    if (reply.code !== 0 || state.open !== groupId) return;
    const role = myRole();
    q('group-members').replaceChildren(...reply.data.map((m) => memberItem(m, role)));
  }

  function memberItem(m, role) {
    const li = make('li', { testid: 'group-member', 'data-user-id': String(m.userId), 'data-user-name': m.userName,
      'data-role': m.role });
    li.append(make('span', { class: 'name' }, m.nickname ? `${m.nickname} (${m.userName})` : m.userName),
      make('span', { class: 'role' }, m.role));
    if (Number(m.mutedUntil) > Date.now()) li.append(make('span', { class: 'muted-flag' }, 'muted'));
    const userId = String(m.userId);
    if (userId === me()) return li;
    const rank = { owner: 3, admin: 2, member: 1 };
    const button = (id, label, fn) => {
      const b = make('button', { testid: id, type: 'button', class: 'link-button' }, label);
      b.addEventListener('click', fn);
      li.append(b);
    };
    if (role === 'owner' && m.role === 'member') button('group-promote', 'make admin', () => act('/group/role', { userId, role: 'admin' }));
    if (role === 'owner' && m.role === 'admin') button('group-demote', 'remove admin', () => act('/group/role', { userId, role: 'member' }));
    if ((rank[role] || 0) > (rank[m.role] || 0) && rank[role] >= 2) {
      button('group-mute', 'mute 10 min', () => act('/group/mute', { userId, seconds: 600 }));
      button('group-kick', 'remove', () => act('/group/kick', { userId, ban: false }));
    }
    return li;
  }

  async function loadRequests() {
    const groupId = state.open;
    if (!groupId || myRole() === 'member') return;
    const reply = await g.api('/group/requests', { groupId });
    if (reply.code !== 0 || state.open !== groupId) return;
    q('group-requests').replaceChildren(...reply.data.map((r) => {
      const li = make('li', { testid: 'group-request', 'data-user-id': String(r.userId) });
      li.append(make('span', { class: 'name' }, r.userName), make('span', { class: 'note' }, r.note || ''));
      const yes = make('button', { testid: 'group-approve', type: 'button', class: 'link-button' }, 'approve');
      const no = make('button', { testid: 'group-decline', type: 'button', class: 'link-button' }, 'decline');
      yes.addEventListener('click', () => act('/group/approve', { userId: String(r.userId) }));
      no.addEventListener('click', () => act('/group/decline', { userId: String(r.userId) }));
      li.append(yes, no);
      return li;
    }));
  }

  async function act(path, fields) {
    const groupId = state.open;
    if (!groupId) return;
    const reply = await g.api(path, Object.assign({ groupId }, fields));
    g.notice(reply.message);
    if (reply.code === 0) {
      await loadMine();
      if (state.open) await Promise.all([loadMembers(), loadRequests()]);
    }
  }

  async function send() {
    const input = q('group-input');
    const msg = input.value.trim();
    if (!msg || !state.open) return;
    input.value = '';
    if (g.send({ op: OP_GROUP, groupId: state.open, msg })) return;   // refusals come back as error frames
    const reply = await g.api('/group/send', { groupId: state.open, msg, clientMsgId: `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });
    if (reply.code !== 0) g.notice(reply.message);
  }

  // ---------- frames ----------

  function describe(e) {
    const who = String(e.userId) === me() ? 'you' : (e.userName || (e.userId ? `user ${e.userId}` : ''));
    switch (e.event) {
      case 'member_joined': return `${who} joined`;
      case 'member_left': return `${who} left`;
      case 'member_kicked': return `${who} ${who === 'you' ? 'were' : 'was'} removed${e.banned ? ' and banned' : ''}`;
      case 'role_changed': return `${who} ${who === 'you' ? 'are' : 'is'} now ${e.role === 'admin' ? 'an admin' : 'a member'}`;
      case 'owner_changed': return `${who} now ${who === 'you' ? 'own' : 'owns'} the group`;
      case 'group_edited': return 'the group was edited';
      case 'member_muted': return Number(e.until) > 0 ? `${who} ${who === 'you' ? 'were' : 'was'} muted` : `${who} may speak again`;
      case 'group_muted': return e.muted ? 'the group is muted' : 'the group may speak again';
      case 'added': return `you are in ${e.groupName}`;
      case 'removed': return `you were removed from ${e.groupName}`;
      case 'left': return `you left ${e.groupName}`;
      case 'join_request': return `${who} asks to join ${e.groupName}`;
      case 'request_declined': return `your request to join ${e.groupName} was declined`;
      case 'dissolved': return `${e.groupName} was dissolved`;
      default: return e.event;
    }
  }

  /** A group message or event into the open group's conversation (once per msgId). */
  function show(frame, fromHistory) {
    if (Number(frame.op) === OP_RECALL) {   // a recall kept in the group's history: the message shows a tombstone
      const target = document.querySelector(`[data-testid="group-message"][data-msg-id="${CSS.escape(String(frame.recalledId))}"]`);
      if (target && window.gochatMessages) window.gochatMessages.markRecalled(target);
      return;
    }
    const id = String(frame.msgId || '');
    if (id) {
      if (state.seen.has(id)) return;
      state.seen.add(id);
      const last = state.lastId.get(state.open);
      if (!last || BigInt(id) > BigInt(last)) state.lastId.set(state.open, id);
    }
    const isEvent = Number(frame.op) === OP_GROUP_EVENT;
    const li = make('li', { testid: 'group-message', class: isEvent ? 'msg system' : 'msg group',
      'data-kind': isEvent ? 'event' : 'group', 'data-msg-id': id });
    if (fromHistory) li.dataset.history = 'true';
    if (isEvent) {
      li.append(make('span', { class: 'text' }, describe(frame)));
    } else {
      const mine = String(frame.fromUserId) === me();
      li.dataset.mine = String(mine);
      if (mine) li.classList.add('mine');
      const author = frame.nickname ? `${frame.nickname} (${frame.fromUserName})` : frame.fromUserName;
      const meta = make('div', { class: 'meta' });
      meta.append(make('span', { class: 'author' }, author), make('span', { class: 'time' }, g.formatTime(frame)));
      li.append(meta, make('div', { class: 'text' }, frame.msg));
      const role = myRole();
      if (window.gochatMessages) {
        window.gochatMessages.decorateGroup(li, frame, { mine, moderator: !mine && (role === 'owner' || role === 'admin') });
      }
    }
    const list = q('group-messages');
    list.append(li);
    li.scrollIntoView({ block: 'end' });
  }

  function onFrame(frame) {
    const op = Number(frame.op);
    if (op !== OP_GROUP && op !== OP_GROUP_EVENT) return;
    const groupId = String(frame.groupId);
    if (op === OP_GROUP_EVENT) {
      if (NOTICES.has(frame.event) || (ABOUT_SOMEONE.has(frame.event) && String(frame.userId) === me())) {
        state.unseen++;   // what /group/notices keeps for this user
        renderBadge();
      }
      if (MEMBERSHIP_EVENTS.has(frame.event)) {
        loadMine().then(() => {
          if (state.open === groupId) { loadMembers(); loadRequests(); }
        });
      }
      if (frame.event === 'join_request' && state.open === groupId) loadRequests();
    }
    if (state.open === groupId) {
      show(frame, false);
      if (op === OP_GROUP) readOpen();
    } else if (op === OP_GROUP) {
      markUnread(groupId);
    }
    if (op === OP_GROUP && window.gochatMessages) window.gochatMessages.refresh();   // the conversation list
  }

  /** After a reconnect: what the open group got meanwhile (per-conversation sync by msgId). */
  async function catchUp() {
    const groupId = state.open;
    const since = groupId && state.lastId.get(groupId);
    if (!since) return;
    const reply = await g.api('/group/since', { groupId, sinceId: since, limit: 200 });
    if (reply.code === 0 && state.open === groupId) reply.data.forEach((frame) => show(frame, true));
  }

  function reset() {
    closeGroup();
    state.groups.clear();
    state.lastId.clear();
    state.unseen = 0;
    renderBadge();
    q('group-list').replaceChildren();
    q('group-results').replaceChildren();
    q('group-notices').replaceChildren();
    q('group-notices').hidden = true;
  }

  window.gochatGroups = { open: (groupId) => openGroup(String(groupId)), openId: () => state.open };

  buildPanel();
  buildView();
  g.on('frame', onFrame);
  g.on('enter', () => { loadMine(); countStoredNotices(); });
  g.on('leave', reset);
  g.on('connected', catchUp);
})();
