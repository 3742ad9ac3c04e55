package io.sessiongrid.servlet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: no client library normalises the path or cleans up the
 * headers. One request per connection.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The response to one request; {@code head} is the status line and the headers. */
    public record Answer(int status, String head, String body) {
        /** The value of the first header of that name, or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** {@code headers}: complete header lines, each ending in CRLF. */
    public static Answer send(int port, String method, String path, byte[] headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            out.write(headers);
            out.write(ascii("Content-Length: 0\r\nConnection: close\r\n\r\n"));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : dechunk(head, response.substring(split + 4));
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        }
    }

    public static Answer send(int port, String method, String path, String headers) throws IOException {
        return send(port, method, path, ascii(headers));
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String dechunk(String head, String body) {
        if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int line = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, line).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }
}
