package io.gochat.site;

/** What the page needs to reach the backend: served as {@code /config.json}. */
public record ClientEndpoints(String apiUrl, String wsUrl) {
}
