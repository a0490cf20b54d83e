package io.gochat.logic.groups;

import static io.gochat.core.config.ConfigKey.Type.INT;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeySet;
import java.util.List;

/** Config keys of groups (logic). */
public final class GroupConfigKeys implements ConfigKeySet {
    public static final ConfigKey MEMBER_LIMIT = new ConfigKey("group.memberLimit", INT, "500",
            "members a group may have unless its creator sets fewer; no group may have more");

    @Override
    public int order() {
        return 41;
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(MEMBER_LIMIT);
    }
}
