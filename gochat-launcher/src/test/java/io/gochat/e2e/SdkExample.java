package io.gochat.e2e;

import io.gochat.client.ChatListener;
import io.gochat.client.GochatClient;
import io.gochat.client.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The README's SDK example, compiled and run by {@link ClientSdkTest}: the README quotes it verbatim. */
final class SdkExample {
    private SdkExample() {
    }

    // README-BEGIN
    static String aliceSendsBobAMessage(String api, String ws) throws Exception {
        CompletableFuture<Message> received = new CompletableFuture<>();
        try (GochatClient bob = GochatClient.builder().api(api).endpoint(ws).room(1)
                .listener(new ChatListener() {
                    @Override
                    public void onPrivateMessage(Message m) {
                        received.complete(m);   // acked (op 7) once this returns
                    }
                }).build();
             GochatClient alice = GochatClient.builder().api(api).endpoint(ws).room(1).build()) {
            bob.register("bob", "secret-bob").join();
            alice.register("alice", "secret-alice").join();
            bob.connect().get(10, TimeUnit.SECONDS);
            alice.connect().get(10, TimeUnit.SECONDS);
            alice.sendPrivate(bob.session().userId(), "hello bob").join();   // socket, or HTTP when down
            Message m = received.get(10, TimeUnit.SECONDS);
            System.out.println(m.fromUserName() + " -> " + m.toUserName() + ": " + m.msg() + " #" + m.msgId());
            return m.msg();
        }
    }
    // README-END
}
