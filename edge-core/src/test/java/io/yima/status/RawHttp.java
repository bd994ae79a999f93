package io.yima.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 request written by hand on a real socket to 127.0.0.1: what {@link java.net.http.HttpClient} does
 * not let a test choose, the {@code Host} header and the source address (any of 127.0.0.0/8 is this machine's
 * loopback on Linux, so 127.0.0.2 is "another source"). The connection is closed after the answer.
 */
record RawHttp(int status, String head, String body) {

    static RawHttp send(InetAddress from, int port, String method, String path, String host, String authorization) {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (host != null) {
                r.append("Host: ").append(host).append("\r\n");
            }
            if (authorization != null) {
                r.append("Authorization: ").append(authorization).append("\r\n");
            }
            r.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            s.getOutputStream().write(r.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            String text = readAll(s.getInputStream());
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            return new RawHttp(Integer.parseInt(head.substring(9, 12)), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response header's value, or null. */
    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
