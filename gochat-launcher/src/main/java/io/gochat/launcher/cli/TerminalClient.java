package io.gochat.launcher.cli;

import io.gochat.client.ChatListener;
import io.gochat.client.Endpoint;
import io.gochat.client.GochatApi;
import io.gochat.client.GochatApiException;
import io.gochat.client.GochatClient;
import io.gochat.client.Message;
import io.gochat.client.RoomCount;
import io.gochat.client.RoomInfo;
import io.gochat.client.SendResult;
import io.gochat.client.ServerError;
import io.gochat.client.Session;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar im.jar --module=cli}: chat from a terminal, on the Java SDK. Logs in (or registers),
 * joins a room, then reads lines: text goes to the room, {@code /msg user text} to one user, {@code /who}
 * lists who is online, {@code /join N} moves to another room, {@code /history} shows the room's latest
 * messages, {@code /quit} leaves. Incoming messages are printed as they arrive. Also a reference for
 * writing a native client: every step is a call on {@link GochatClient}.
 */
public final class TerminalClient {
    private final CliOptions options;
    private final BufferedReader in;
    private final PrintStream out;
    private final Console console;
    /** user name → id, from member lists and messages (for /msg NAME). */
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private volatile Map<Long, String> members = Map.of();
    private volatile boolean printNextMemberList;
    private GochatClient client;
    private Session session;
    private long room;

    public TerminalClient(CliOptions options, BufferedReader in, PrintStream out, Console console) {
        this.options = options;
        this.in = in;
        this.out = out;
        this.console = console;
    }

    /** Runs until /quit or end of input; the exit status. */
    public int run() throws IOException {
        out.println("gochat terminal client: API " + options.api() + ", socket " + options.endpoints());
        session = logIn();
        if (session == null) {
            return 1;
        }
        room = options.room() >= 0 ? options.room() : askRoom();
        if (!join(room)) {
            return 1;
        }
        out.println("type a message for the room, or /help");
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (!command(line.strip())) {
                    break;
                }
            }
        } finally {
            client.close();
        }
        out.println("bye");
        return 0;
    }

    private Session logIn() throws IOException {
        GochatApi api = new GochatApi(URI.create(options.api()));
        String name = options.user();
        while (name == null || name.isBlank()) {
            name = prompt("user name: ");
            if (name == null) {
                return null;
            }
        }
        String password = password();
        if (password == null) {
            return null;
        }
        try {
            Session s = api.login(name, password).join();
            out.println("logged in as " + s.userName() + " (#" + s.userId() + ")");
            return s;
        } catch (CompletionException e) {
            GochatApiException failure = apiError(e);
            if (failure.code() == GochatApiException.UNREACHABLE) {
                out.println("! " + failure.getMessage());
                return null;
            }
            out.println("! " + failure.getMessage());
        }
        String answer = prompt("register a new user '" + name + "' with this password? [y/N] ");
        if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
            return null;
        }
        try {
            Session s = api.register(name, password).join();
            out.println("registered and logged in as " + s.userName() + " (#" + s.userId() + ")");
            return s;
        } catch (CompletionException e) {
            out.println("! " + apiError(e).getMessage());
            return null;
        }
    }

    private String password() throws IOException {
        if (console != null) {
            char[] p = console.readPassword("password: ");
            return p == null ? null : new String(p);
        }
        return prompt("password: ");
    }

    private long askRoom() throws IOException {
        while (true) {
            String r = prompt("room to join (0 = none) [1]: ");
            if (r == null || r.isBlank()) {
                return 1;
            }
            try {
                long n = Long.parseLong(r.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // asked again
            }
            out.println("! a room is a number");
        }
    }

    /** (Re)connects in {@code roomId} with the same session. */
    private boolean join(long roomId) {
        if (client != null) {
            client.close();
        }
        members = Map.of();
        GochatClient.Builder b = GochatClient.builder().api(options.api()).room(roomId).listener(new Printer());
        for (String e : options.endpoints().split(",")) {
            b.endpoint(e.trim());
        }
        client = b.build();
        client.use(session);
        try {
            client.connect().get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            out.println("! cannot connect: " + e.getCause().getMessage());
            return false;
        } catch (TimeoutException e) {
            out.println("! no connect server answered within 15 s; still trying in the background");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        room = roomId;
        out.println(roomId > 0 ? "joined room " + roomId : "connected (no room: private messages only)");
        return true;
    }

    /** One input line; false to quit. */
    private boolean command(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (!line.startsWith("/")) {
            if (room <= 0) {
                out.println("! you are in no room: /join N, or /msg user text");
            } else {
                report(client.sendRoom(line), null);
            }
            return true;
        }
        String[] parts = line.split("\\s+", 3);
        switch (parts[0]) {
            case "/quit", "/exit" -> {
                return false;
            }
            case "/help" -> help();
            case "/msg" -> privateMessage(parts);
            case "/who" -> who();
            case "/count" -> call(client.requestRoomCount());
            case "/join" -> {
                try {
                    join(Long.parseLong(parts.length > 1 ? parts[1] : ""));
                } catch (NumberFormatException e) {
                    out.println("! usage: /join ROOM_NUMBER");
                }
            }
            case "/history" -> history(parts);
            default -> out.println("! unknown command " + parts[0] + " (/help)");
        }
        return true;
    }

    private void help() {
        out.println("  text               to everyone in the room");
        out.println("  /msg USER TEXT     to one user (name of someone seen here, or a user id)");
        out.println("  /who               who is online in the room");
        out.println("  /count             how many are online");
        out.println("  /join ROOM         move to another room");
        out.println("  /history [N]       the room's latest N messages (default 20)");
        out.println("  /quit              leave");
    }

    private void privateMessage(String[] parts) {
        if (parts.length < 3) {
            out.println("! usage: /msg USER TEXT");
            return;
        }
        Long to = known.get(parts[1]);
        if (to == null) {
            try {
                to = Long.parseLong(parts[1].replaceFirst("^#", ""));
            } catch (NumberFormatException e) {
                out.println("! unknown user '" + parts[1] + "' (see /who, or give the user id)");
                return;
            }
        }
        String name = parts[1];
        report(client.sendPrivate(to, parts[2]), "[to " + name + "] " + parts[2]);
    }

    private void who() {
        if (room <= 0) {
            out.println("! you are in no room");
            return;
        }
        printNextMemberList = true;
        call(client.requestRoomInfo());
    }

    private void history(String[] parts) {
        int n = 20;
        if (parts.length > 1) {
            try {
                n = Math.max(1, Math.min(200, Integer.parseInt(parts[1])));
            } catch (NumberFormatException e) {
                out.println("! usage: /history [N]");
                return;
            }
        }
        try {
            List<Message> page = client.api().roomHistory(session.token(), room, n, 0).join();
            page.forEach(m -> out.println("  " + m.createTime() + " " + m.fromUserName() + ": " + m.msg()));
            out.println("  (" + page.size() + " messages)");
        } catch (CompletionException e) {
            out.println("! " + apiError(e).getMessage());
        }
    }

    private void report(CompletableFuture<SendResult> sent, String echo) {
        try {
            SendResult r = sent.join();
            if (echo != null) {
                out.println(echo + (r.via() == SendResult.Via.HTTP ? "  (" + r.message() + ")" : ""));
            }
        } catch (CompletionException e) {
            out.println("! not sent: " + apiError(e).getMessage());
        }
    }

    private void call(CompletableFuture<Void> request) {
        try {
            request.join();
        } catch (CompletionException e) {
            out.println("! " + apiError(e).getMessage());
        }
    }

    private String prompt(String text) throws IOException {
        out.print(text);
        out.flush();
        return in.readLine();
    }

    private static GochatApiException apiError(CompletionException e) {
        return e.getCause() instanceof GochatApiException g ? g
                : new GochatApiException(GochatApiException.UNREACHABLE, String.valueOf(e.getCause()));
    }

    /** Prints what arrives; remembers names for /msg. */
    private final class Printer implements ChatListener {
        @Override
        public void onRoomMessage(Message m) {
            known.put(m.fromUserName(), m.fromUserId());
            out.println("[room " + m.roomId() + "] " + m.fromUserName() + ": " + m.msg());
        }

        @Override
        public void onPrivateMessage(Message m) {
            known.put(m.fromUserName(), m.fromUserId());
            out.println("[from " + m.fromUserName() + "] " + m.msg());
        }

        @Override
        public void onRoomCount(RoomCount c) {
            out.println("* " + c.count() + " online in room " + room);
        }

        @Override
        public void onRoomInfo(RoomInfo info) {
            info.members().forEach((id, name) -> known.put(name, id));
            Map<Long, String> before = members;
            members = info.members();
            if (printNextMemberList) {
                printNextMemberList = false;
                out.println("* online in room " + info.roomId() + " (" + info.count() + "): "
                        + String.join(", ", info.members().values()));
                return;
            }
            info.members().forEach((id, name) -> {
                if (!before.containsKey(id) && id != session.userId()) {
                    out.println("* " + name + " joined");
                }
            });
            before.forEach((id, name) -> {
                if (!info.members().containsKey(id)) {
                    out.println("* " + name + " left");
                }
            });
        }

        @Override
        public void onError(ServerError e) {
            out.println("! " + e.message());
        }

        @Override
        public void onConnected(Endpoint endpoint) {
            out.println("* connected to " + endpoint);
        }

        @Override
        public void onDisconnected(Endpoint endpoint, String reason) {
            out.println("* lost " + endpoint + " (" + reason + "); reconnecting");
        }

        @Override
        public void onSessionEnded(ServerError e) {
            out.println("! session ended: " + e.message() + " (/quit, and log in again)");
        }
    }
}
