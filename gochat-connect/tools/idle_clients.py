#!/usr/bin/env python3
"""Opens N idle, authenticated gochat connections (ws or tcp) and holds them until stdin closes.

usage: idle_clients.py ws|tcp PORT COUNT TOKEN ROOM
Prints READY when every connection has sent its auth frame. Used by IdleConnectionMemory.
"""
import socket
import struct
import sys

kind, port, count, token, room = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
auth = ('{"op":6,"authToken":"%s","roomId":%s}' % (token, room)).encode()
socks = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    if kind == "ws":
        s.sendall(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            chunk = s.recv(1)
            if not chunk:
                sys.exit("closed during handshake")
            head += chunk
        # masked text frame, zero mask key
        s.sendall(bytes([0x81, 0x80 | len(auth), 0, 0, 0, 0]) + auth)
    else:
        s.sendall(b"v1" + struct.pack(">H", 4 + len(auth)) + auth)
    socks.append(s)
print("READY", flush=True)
sys.stdin.read()
