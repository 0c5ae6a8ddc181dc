package dev.acumat.analytics.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests written byte for byte, so a test can send any Host, Origin, Cookie or
 * Authorization header (java.net.http refuses to set some of them), and WebSocket upgrades
 * whose answer is read up to the end of its headers.
 */
final class RawHttp {
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean isJson() {
            String type = header("content-type");
            return type != null && type.startsWith("application/json");
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A GET of {@code target} with Host 127.0.0.1:PORT unless {@code headers} has a Host. */
    Answer get(String target, Map<String, String> headers) throws IOException {
        return send(target, headers, false);
    }

    /** A WebSocket upgrade of {@code target}: 101 when accepted. */
    Answer upgrade(String target, Map<String, String> headers) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Connection", "Upgrade");
        h.put("Upgrade", "websocket");
        h.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        h.put("Sec-WebSocket-Version", "13");
        return send(target, h, true);
    }

    private Answer send(String target, Map<String, String> headers, boolean upgrade) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
            if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
                request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            if (!upgrade) {
                request.append("Connection: close\r\n");
            }
            request.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String response = upgrade ? headersOnly(s.getInputStream())
                    : new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return parse(response);
        }
    }

    /** An upgrade's answer: headers only for a 101, else headers and the body its length or chunks say. */
    private static String headersOnly(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String sofar = b.toString(StandardCharsets.UTF_8);
            if (!sofar.endsWith("\r\n\r\n")) {
                continue;
            }
            String lower = sofar.toLowerCase(Locale.ROOT);
            if (sofar.startsWith("HTTP/1.1 101")) {
                return sofar;
            }
            int at = lower.indexOf("content-length:");
            if (at >= 0) {
                int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).strip());
                return sofar + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.UTF_8).endsWith("0\r\n\r\n") && (c = in.read()) >= 0) {
                body.write(c);
            }
            return sofar + body.toString(StandardCharsets.UTF_8);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String response) {
        int status = Integer.parseInt(response.substring(9, 12));
        int end = response.indexOf("\r\n\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : response.substring(0, Math.max(0, end)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + "\n" + b);
            }
        }
        String body = end < 0 ? "" : response.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(i, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
