package io.gochat.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One scenario's figures, in insertion order: printed as one line and written to the JSON file. */
public final class Result {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public Result(String scenario) {
        fields.put("scenario", scenario);
    }

    public Result put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String line() {
        StringBuilder sb = new StringBuilder("RESULT");
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v instanceof Double d
                ? String.format(java.util.Locale.ROOT, "%.2f", d) : v));
        return sb.toString();
    }
}
