package io.gochat.logic.contacts;

import io.gochat.core.config.ConfigException;
import io.gochat.core.config.GochatConfig;
import java.time.Duration;

/**
 * The contacts keys, checked once at start-up.
 *
 * @param friendsOnly {@code im.privateMessages=friends}: only friends may send each other private messages
 * @param requestTtl  how long a friend request can be accepted
 */
public record ContactsSettings(boolean friendsOnly, Duration requestTtl) {
    public static final String ANYONE = "anyone";
    public static final String FRIENDS = "friends";

    public static ContactsSettings from(GochatConfig config) {
        String policy = config.string(ContactsConfigKeys.PRIVATE_MESSAGES).trim();
        if (!policy.equals(ANYONE) && !policy.equals(FRIENDS)) {
            throw new ConfigException("im.privateMessages must be anyone or friends, not " + policy);
        }
        Duration ttl = config.duration(ContactsConfigKeys.REQUEST_TTL);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new ConfigException("contacts.requestTtl must be positive");
        }
        return new ContactsSettings(policy.equals(FRIENDS), ttl);
    }
}
