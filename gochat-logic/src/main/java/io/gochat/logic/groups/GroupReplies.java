package io.gochat.logic.groups;

import io.gochat.logic.storage.UserDatabase;
import io.gochat.protocol.service.GroupReply;
import java.util.function.Supplier;

/** Runs a group action and turns a {@link Refused} into its code-1 answer. */
final class GroupReplies {
    private GroupReplies() {
    }

    static GroupReply run(Supplier<GroupReply> action) {
        try {
            return action.get();
        } catch (Refused r) {
            return GroupReply.refused(r.getMessage());
        }
    }

    /** Runs a database write, turning a duplicate key (a race with the same request) into {@code refusal}. */
    static <T> T unique(Supplier<T> write, String refusal) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (UserDatabase.isDuplicateKey(e)) {
                throw new Refused(refusal);
            }
            throw e;
        }
    }
}
