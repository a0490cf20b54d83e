package io.gochat.logic.contacts;

import static io.gochat.core.config.ConfigKey.Type.DURATION;
import static io.gochat.core.config.ConfigKey.Type.STRING;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of contacts (profiles, friends, blocks), read by logic. */
public final class ContactsConfigKeys implements ConfigKeySet {
    public static final ConfigKey PRIVATE_MESSAGES = new ConfigKey("im.privateMessages", STRING, "anyone",
            "who may send a user private messages: anyone (as gochat) or friends (others get code 1); blocked users never");
    public static final ConfigKey REQUEST_TTL = new ConfigKey("contacts.requestTtl", DURATION, "7d",
            "how long a friend request can be accepted; older pending requests count as expired");

    @Override
    public int order() {
        return 41;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(PRIVATE_MESSAGES, REQUEST_TTL);
    }
}
