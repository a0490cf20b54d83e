package io.gochat.logic.groups;

import io.gochat.protocol.Ops;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of a group event (op 31) as clients receive it: {@code {"op":31,"event":"member_joined",
 * "groupId":12,"groupName":"tea", ...fields, "msgId":…, "serverTime":…}}. The id is given when it is sent.
 */
final class GroupEvent {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final long groupId;

    private GroupEvent(String event, long groupId, String groupName) {
        this.groupId = groupId;
        fields.put("op", Ops.GROUP_EVENT);
        fields.put("event", event);
        fields.put("groupId", groupId);
        fields.put("groupName", groupName);
    }

    static GroupEvent of(String event, GroupRow group) {
        return new GroupEvent(event, group.id, group.name);
    }

    GroupEvent with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    long groupId() {
        return groupId;
    }

    String event() {
        return (String) fields.get("event");
    }

    /** The body with its id and time. */
    Map<String, Object> stamped(long msgId, long serverTime) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("msgId", msgId);
        body.put("serverTime", serverTime);
        return body;
    }
}
