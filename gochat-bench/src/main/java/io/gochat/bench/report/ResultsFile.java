package io.gochat.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects results, prints each as one line, and writes them all as a JSON array when asked. */
public final class ResultsFile {
    private final List<Map<String, Object>> results = new ArrayList<>();

    public void add(Result r) {
        System.out.println(r.line());
        results.add(r.fields());
    }

    public void write(String file) throws IOException {
        if (file == null || file.isEmpty()) {
            return;
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(file).toFile(), results);
        System.out.println("wrote " + file);
    }
}
