package io.gochat.logic.messages;

import java.util.Map;

/**
 * A typed body that passed its checks: the fields to deliver (known fields only), the text clients that
 * know no types show ({@code msg}), and the upload it refers to, if any.
 */
public record CheckedBody(String type, Map<String, Object> fields, String preview, String fileId) {
}
