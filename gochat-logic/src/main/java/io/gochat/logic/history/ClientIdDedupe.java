package io.gochat.logic.history;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.PushReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idempotent sends: a message carrying a client message id ({@code clientMsgId}) that its sender already
 * stored (within 7 days), or that comes twice in one batch, is answered as the first was and not stored
 * again. So a client that lost the answer and sends again makes no duplicate. The ids are stored with their
 * message, in the same transaction ({@code message_client_id}).
 */
public final class ClientIdDedupe implements MessageWriter.Resolver {
    private final MessageWriter.Resolver inner;
    private final UserDatabase db;

    public ClientIdDedupe(MessageWriter.Resolver inner, UserDatabase db) {
        this.inner = inner;
        this.db = db;
    }

    @Override
    public void resolve(List<Submission> batch) throws Exception {
        inner.resolve(batch);
        List<Submission> withIds = new ArrayList<>();
        for (Submission s : batch) {
            if (s.accepted() && s.clientMsgId() != null) {
                withIds.add(s);
            }
        }
        if (withIds.isEmpty()) {
            return;
        }
        List<Long> stored = db.withClientIds(m -> {
            List<Long> out = new ArrayList<>(withIds.size());
            for (Submission s : withIds) {
                out.add(m.find(s.message().fromUserId(), s.clientMsgId()));
            }
            return out;
        });
        Map<String, Long> inBatch = new HashMap<>();
        for (int i = 0; i < withIds.size(); i++) {
            Submission s = withIds.get(i);
            String key = s.message().fromUserId() + "|" + s.clientMsgId();
            Long first = stored.get(i) != null ? stored.get(i) : inBatch.get(key);
            if (first == null) {
                inBatch.put(key, s.message().id());
                continue;
            }
            if (s.draft() instanceof SameAs d) {
                d.sameAs(first);   // a typed or group send answers with the first message's id
            }
            s.refuse(PushReply.accepted(s.acceptedAs()));   // the same answer as the first send
        }
    }
}
