package io.gochat.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** The peer sent bytes that are not a valid gochat TCP frame; the stream cannot be resynchronised. */
public final class TcpFrameException extends CorruptedFrameException {
    public TcpFrameException(String message) {
        super(message);
    }
}
