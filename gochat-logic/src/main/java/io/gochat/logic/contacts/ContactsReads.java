package io.gochat.logic.contacts;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.NoticeListReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The stored contact notifications of a user. */
final class ContactsReads {
    private final UserDatabase db;

    ContactsReads(UserDatabase db) {
        this.db = db;
    }

    /** After {@code sinceId} oldest first; without it the newest {@code limit}, also oldest first. */
    NoticeListReply notices(long userId, long sinceId, int limit) {
        if (sinceId > 0) {
            return NoticeListReply.of(db.with(NoticeMapper.class, m -> m.since(userId, sinceId, limit)));
        }
        List<String> newestFirst = new ArrayList<>(db.with(NoticeMapper.class, m -> m.latest(userId, limit)));
        Collections.reverse(newestFirst);
        return NoticeListReply.of(newestFirst);
    }
}
