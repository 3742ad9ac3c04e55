package io.sessiongrid.gridctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.List;

/** Prints a command's result as text for people or, with {@code --json}, as one JSON document. */
final class Output {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** @param document maps, lists, strings and numbers; printed when {@code --json} is on */
    void print(Object document, String text) {
        if (json) {
            try {
                out.println(mapper.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
            }
        } else {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
    }

    /** Columns padded to their widest cell; the first row is the header. */
    static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                text.append(i == columns - 1 ? row.get(i) : String.format("%-" + (width[i] + 2) + "s", row.get(i)));
            }
            text.append('\n');
        }
        return text.toString();
    }

    static String bytes(long bytes) {
        if (bytes < 10 * 1024) {
            return bytes + " B";
        }
        if (bytes < 10L * 1024 * 1024) {
            return bytes / 1024 + " KiB";
        }
        return bytes / (1024 * 1024) + " MiB";
    }
}
