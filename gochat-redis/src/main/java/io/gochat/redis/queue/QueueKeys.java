package io.gochat.redis.queue;

/** Redis keys of the message queue, derived from {@code queue.name}. */
public record QueueKeys(String queue) {

    /** Messages a task has taken but not yet handed to the connect servers, one list per batch. */
    public String inflight(String taskId, long batch) {
        return inflightPrefix() + taskId + ":" + batch;
    }

    public String inflightPrefix() {
        return queue + ":inflight:";
    }

    /** Held by the task currently consuming, so that messages to one user keep their order. */
    public String owner() {
        return queue + ":owner";
    }
}
