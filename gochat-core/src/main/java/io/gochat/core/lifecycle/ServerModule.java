package io.gochat.core.lifecycle;

/**
 * One runnable module (api, logic, task, connect_ws, connect_tcp, site). Built from a config object,
 * never a static singleton, so a test can run several in one JVM.
 */
public interface ServerModule extends AutoCloseable {

    /** Binds ports, registers in etcd; throws when the module cannot serve. */
    void start() throws Exception;

    /** Deregisters, drains and releases everything; safe to call twice and after a failed start. */
    @Override
    void close();
}
