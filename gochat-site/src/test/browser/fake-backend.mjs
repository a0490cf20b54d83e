// A tiny stand-in for the gochat-java api + connect_ws, just enough to drive the chat page in a
// browser before the real backend is merged. NOT the real thing: no persistence, no cluster.
//
// One port serves:  POST /user/{register,login,checkAuth,logout}, POST /push/{push,pushRoom,count,getRoomInfo},
//                   WebSocket /ws (first frame {"authToken","roomId"}), GET /__fake/drop (closes every socket),
//                   and, with serveSite, the page itself (src/main/resources/public) plus /config.json.
// Deliberately awkward, like gochat: every room message is sent TWICE with the same msgId (the page must
// drop the copy), and a leaving user produces an empty frame and a non-JSON frame before the op 4 count.
//
// Run alone:  PORT=7070 node fake-backend.mjs   (then start SiteServer with api.port = connect.ws.port = 7070)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDir = path.resolve(here, '../../main/resources/public');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

export async function startFake({ port = 0, host = '127.0.0.1', serveSite = false } = {}) {
  const users = new Map();     // userName -> {userId, userName, passWord}
  const tokens = new Map();    // token -> user
  const sockets = new Set();   // {ws, user, roomId}
  let nextUserId = 10;
  let nextMsgId = 1;

  const send = (client, frame) => { if (client.ws.readyState === 1) client.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)); };
  const inRoom = (roomId) => [...sockets].filter((c) => c.user && c.roomId === roomId);
  const roomUsers = (roomId) => Object.fromEntries(inRoom(roomId).map((c) => [String(c.user.userId), c.user.userName]));
  const broadcast = (roomId, frame) => inRoom(roomId).forEach((c) => send(c, frame));
  const countFrame = (roomId) => ({ count: Object.keys(roomUsers(roomId)).length, op: 4 });
  const infoFrame = (roomId) => { const u = roomUsers(roomId); return { op: 5, roomId, count: Object.keys(u).length, roomUserInfo: u }; };
  const now = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

  function message(op, from, to, roomId, msg) {
    return { code: 0, msg, fromUserId: from.userId, fromUserName: from.userName,
      toUserId: to ? to.userId : 0, toUserName: to ? to.userName : '', roomId, op,
      createTime: now(), msgId: `fake-${nextMsgId++}`, serverTime: Date.now() };
  }

  const handlers = {
    '/user/register': (b) => {
      if (!b.userName || !b.passWord) return { code: 1, message: 'userName and passWord are required' };
      if (users.has(b.userName)) return { code: 1, message: 'this user name already have , please login !!!' };
      const user = { userId: nextUserId++, userName: b.userName, passWord: b.passWord };
      users.set(user.userName, user);
      return login(user);
    },
    '/user/login': (b) => {
      const user = users.get(b.userName);
      return user && user.passWord === b.passWord ? login(user) : { code: 1, message: 'no this user or password error!' };
    },
    '/user/checkAuth': (b, user) => ({ code: 0, message: 'auth success', data: { userId: user.userId, userName: user.userName } }),
    '/user/logout': (b) => { tokens.delete(b.authToken); return { code: 0, message: 'logout ok!', data: null }; },
    '/push/pushRoom': (b, user) => { broadcastTwice(Number(b.roomId), message(3, user, null, Number(b.roomId), String(b.msg))); return ok(''); },
    '/push/push': (b, user) => {
      const to = [...users.values()].find((u) => String(u.userId) === String(b.toUserId));
      const frame = message(2, user, to, Number(b.roomId), String(b.msg));
      [...sockets].filter((c) => c.user && to && c.user.userId === to.userId).forEach((c) => send(c, frame));
      return ok(null);
    },
    '/push/count': (b) => { broadcast(Number(b.roomId), countFrame(Number(b.roomId))); return ok(''); },
    '/push/getRoomInfo': (b) => { broadcast(Number(b.roomId), infoFrame(Number(b.roomId))); return ok(''); },
  };
  const needsSession = (p) => p !== '/user/register' && p !== '/user/login';
  const ok = (data) => ({ code: 0, message: 'ok', data });
  function login(user) {
    const token = crypto.randomBytes(32).toString('base64url');
    tokens.set(token, user);
    return { code: 0, message: 'login success', data: token };
  }
  function broadcastTwice(roomId, frame) {
    broadcast(roomId, frame);
    setTimeout(() => broadcast(roomId, frame), 50);
  }

  const server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Origin, X-Requested-With, Content-Type, Accept');
    res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS, POST');
    const url = new URL(req.url, 'http://fake');
    if (req.method === 'OPTIONS') { res.writeHead(204).end(); return; }
    if (req.method === 'GET' && url.pathname === '/__fake/drop') {
      sockets.forEach((c) => c.ws.terminate());
      res.writeHead(200).end('dropped');
      return;
    }
    if (req.method === 'POST' && handlers[url.pathname]) {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        let json = {};
        try { json = JSON.parse(body || '{}'); } catch (e) { json = {}; }
        const user = tokens.get(json.authToken);
        const reply = needsSession(url.pathname) && !user
          ? { code: 40000, message: 'Session error', data: null }
          : handlers[url.pathname](json, user);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
      });
      return;
    }
    if (serveSite && req.method === 'GET') { serveStatic(req, res, url.pathname); return; }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 1, message: 'please check request url !', data: null }));
  });

  function serveStatic(req, res, pathname) {
    if (pathname === '/config.json') {
      const h = (req.headers.host || 'localhost').replace(/:\d+$/, '');
      const p = server.address().port;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ apiUrl: `http://${h}:${p}`, wsUrl: `ws://${h}:${p}/ws` }));
      return;
    }
    const file = path.join(publicDir, path.normalize(pathname).replace(/^([/\\]|\.\.)+/, ''));
    const target = file.startsWith(publicDir) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(publicDir, 'index.html');
    res.writeHead(200, { 'Content-Type': types[path.extname(target)] || 'application/octet-stream' }).end(fs.readFileSync(target));
  }

  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => {
    const client = { ws, user: null, roomId: 0 };
    sockets.add(client);
    ws.on('message', (data) => {
      let frame;
      try { frame = JSON.parse(String(data)); } catch (e) { send(client, { code: 1, msg: 'not JSON' }); return; }
      if (!client.user) {
        const user = tokens.get(frame.authToken);
        if (!user) { send(client, { code: 40000, msg: 'Session error' }); ws.close(); return; }
        client.user = user;
        client.roomId = Number(frame.roomId) || 0;
        broadcast(client.roomId, countFrame(client.roomId));
        return;
      }
      if (frame.op === 3) broadcastTwice(client.roomId, message(3, client.user, null, client.roomId, String(frame.msg)));
    });
    ws.on('close', () => {
      sockets.delete(client);
      if (!client.user) return;
      broadcast(client.roomId, '');
      broadcast(client.roomId, 'not json at all');
      broadcast(client.roomId, countFrame(client.roomId));
    });
  });

  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}`,
    port: server.address().port,
    close: () => new Promise((resolve) => { sockets.forEach((c) => c.ws.terminate()); wss.close(); server.close(resolve); }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fake = await startFake({ port: Number(process.env.PORT || 7070), host: process.env.HOST || '127.0.0.1',
    serveSite: process.env.SERVE_SITE === '1' });
  console.log(`fake gochat backend on ${fake.url} (api and ws /ws on the same port)`);
}
