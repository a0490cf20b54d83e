package io.gochat.logic.message;

import java.util.Map;

/**
 * The typed part of a message ({@code type}, a checked {@code body}, the {@code msg} text shown by clients
 * that know no types); the writer's resolver records the id it gave the message in {@link #assignedId}.
 */
public final class Typed {
    private final String type;
    private final Map<String, Object> body;
    private final String preview;
    private volatile long assignedId;

    public Typed(String type, Map<String, Object> body, String preview) {
        this.type = type;
        this.body = body;
        this.preview = preview;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> body() {
        return body;
    }

    public String preview() {
        return preview;
    }

    /** The stored message's id once it is accepted (0 before, or when refused). */
    public long assignedId() {
        return assignedId;
    }

    void assigned(long id) {
        this.assignedId = id;
    }
}
