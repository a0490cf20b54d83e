package io.gochat.logic.messages;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the body of each message type: required fields, lengths and ranges, URLs (http and https only),
 * no field a type does not have. A refusal names the field. {@code custom} carries any JSON object whose
 * text is at most {@value #MAX_CUSTOM_BYTES} bytes.
 */
public final class TypedBodies {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final int MAX_CUSTOM_BYTES = 4096;
    public static final int MAX_TEXT_CHARS = 4096;
    public static final int MAX_URL_CHARS = 2048;
    static final long MAX_DURATION_MS = 3_600_000;
    public static final Set<String> TYPES = Set.of("text", "image", "voice", "video", "file", "emoji", "link",
            "location", "contact", "article", "custom");

    private TypedBodies() {
    }

    /** Parses and checks {@code bodyJson} for {@code type}; throws {@link BodyProblem} naming the field. */
    public static CheckedBody check(String type, String bodyJson) {
        if (type == null || type.isBlank()) {
            throw new BodyProblem("type is required (one of " + String.join(", ", new java.util.TreeSet<>(TYPES)) + ")");
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (t.equals("sticker")) {
            t = "emoji";
        }
        if (!TYPES.contains(t)) {
            throw new BodyProblem("type " + type + " is unknown (one of " + String.join(", ", new java.util.TreeSet<>(TYPES)) + ")");
        }
        if (bodyJson == null || bodyJson.isBlank()) {
            throw new BodyProblem("body is required");
        }
        if (bodyJson.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new BodyProblem("body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bodyJson);
        } catch (IOException e) {
            throw new BodyProblem("body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BodyProblem("body must be a JSON object");
        }
        return new Checker(t, body).run();
    }

    /** One body's checks: each {@code read*} call takes a field; fields left over are refused. */
    private static final class Checker {
        private final String type;
        private final JsonNode body;
        private final Map<String, Object> out = new LinkedHashMap<>();
        private final Set<String> known = new java.util.HashSet<>();

        Checker(String type, JsonNode body) {
            this.type = type;
            this.body = body;
        }

        CheckedBody run() {
            String preview;
            String fileId = null;
            switch (type) {
                case "text" -> preview = text("text", MAX_TEXT_CHARS, true);
                case "image" -> {
                    fileId = media();
                    integer("width", 0, 100_000);
                    integer("height", 0, 100_000);
                    preview = "[image]";
                }
                case "voice" -> {
                    fileId = media();
                    duration();
                    preview = "[voice]";
                }
                case "video" -> {
                    fileId = media();
                    duration();
                    integer("width", 0, 100_000);
                    integer("height", 0, 100_000);
                    url("cover", false);
                    preview = "[video]";
                }
                case "file" -> {
                    fileId = media();
                    String name = text("name", 255, false);
                    integer("size", 0, Long.MAX_VALUE);
                    preview = "[file]" + (name == null ? "" : " " + name);
                }
                case "emoji" -> {
                    String code = text("code", 64, false);
                    fileId = optionalFile();
                    String url = url("url", false);
                    text("pack", 64, false);
                    if (code == null && fileId == null && url == null) {
                        throw new BodyProblem("body.code, body.fileId or body.url is required for emoji");
                    }
                    preview = code != null ? code : "[sticker]";
                }
                case "link" -> {
                    String url = url("url", true);
                    String title = text("title", 256, false);
                    text("description", 1024, false);
                    url("image", false);
                    text("siteName", 128, false);
                    preview = "[link] " + (title != null ? title : url);
                }
                case "location" -> {
                    number("lat", -90, 90, true);
                    number("lng", -180, 180, true);
                    String label = text("label", 256, false);
                    text("address", 512, false);
                    preview = "[location]" + (label == null ? "" : " " + label);
                }
                case "contact" -> {
                    integer("userId", 1, Long.MAX_VALUE, true);
                    String name = text("userName", 64, false);
                    url("avatar", false);
                    preview = "[contact]" + (name == null ? "" : " " + name);
                }
                case "article" -> {
                    String title = text("title", 256, true);
                    text("summary", 1024, false);
                    url("url", false);
                    url("cover", false);
                    preview = "[article] " + title;
                }
                case "custom" -> {
                    int size = body.toString().getBytes(StandardCharsets.UTF_8).length;
                    if (size > MAX_CUSTOM_BYTES) {
                        throw new BodyProblem("body of a custom message must be at most " + MAX_CUSTOM_BYTES
                                + " bytes of JSON, got " + size);
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        out.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
                        known.add(e.getKey());
                    }
                    preview = "[custom]";
                }
                default -> throw new BodyProblem("type " + type + " is unknown");
            }
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    throw new BodyProblem("body." + name + " is not a field of " + type + " messages");
                }
            }
            return new CheckedBody(type, out, preview, fileId);
        }

        /** Media: an upload of ours ({@code fileId}) or an http(s) {@code url}; one of them. */
        private String media() {
            String fileId = optionalFile();
            String url = url("url", false);
            if (fileId == null && url == null) {
                throw new BodyProblem("body.fileId or body.url is required for " + type);
            }
            if (fileId != null && url != null) {
                throw new BodyProblem("body.fileId and body.url exclude each other");
            }
            return fileId;
        }

        private String optionalFile() {
            String id = text("fileId", 64, false);
            if (id != null && !id.matches("[0-9a-f]{32}")) {
                throw new BodyProblem("body.fileId must be the id of an upload");
            }
            return id;
        }

        private void duration() {
            integer("durationMs", 0, MAX_DURATION_MS);
        }

        private JsonNode take(String field) {
            known.add(field);
            JsonNode n = body.get(field);
            return n == null || n.isNull() ? null : n;
        }

        private String text(String field, int maxChars, boolean required) {
            JsonNode n = take(field);
            if (n == null) {
                if (required) {
                    throw new BodyProblem("body." + field + " is required for " + type);
                }
                return null;
            }
            if (!n.isTextual()) {
                throw new BodyProblem("body." + field + " must be a string");
            }
            String v = n.textValue();
            if (v.isBlank()) {
                if (required) {
                    throw new BodyProblem("body." + field + " is required for " + type);
                }
                return null;
            }
            if (v.codePointCount(0, v.length()) > maxChars) {
                throw new BodyProblem("body." + field + " must be at most " + maxChars + " characters");
            }
            out.put(field, v);
            return v;
        }

        private String url(String field, boolean required) {
            String v = text(field, MAX_URL_CHARS, required);
            if (v == null) {
                return null;
            }
            try {
                URI uri = new URI(v.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new BodyProblem("body." + field + " must be an http or https URL");
                }
            } catch (URISyntaxException e) {
                throw new BodyProblem("body." + field + " must be an http or https URL");
            }
            return v;
        }

        private void integer(String field, long min, long max) {
            integer(field, min, max, false);
        }

        private void integer(String field, long min, long max, boolean required) {
            JsonNode n = take(field);
            if (n == null) {
                if (required) {
                    throw new BodyProblem("body." + field + " is required for " + type);
                }
                return;
            }
            long v;
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                v = n.longValue();
            } else if (n.isTextual() && n.textValue().matches("-?\\d{1,19}")) {
                try {
                    v = Long.parseLong(n.textValue());
                } catch (NumberFormatException e) {
                    throw new BodyProblem("body." + field + " must be a whole number");
                }
            } else {
                throw new BodyProblem("body." + field + " must be a whole number");
            }
            if (v < min || v > max) {
                throw new BodyProblem("body." + field + " must be between " + min + " and " + max);
            }
            out.put(field, n.isTextual() ? n.textValue() : v);   // ids stay strings for JavaScript
        }

        private void number(String field, double min, double max, boolean required) {
            JsonNode n = take(field);
            if (n == null) {
                if (required) {
                    throw new BodyProblem("body." + field + " is required for " + type);
                }
                return;
            }
            if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw new BodyProblem("body." + field + " must be a number");
            }
            double v = n.doubleValue();
            if (v < min || v > max) {
                throw new BodyProblem("body." + field + " must be between " + (long) min + " and " + (long) max);
            }
            out.put(field, v);
        }
    }
}
