package io.yima.status;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A real status server on an ephemeral 127.0.0.1 port over a {@link FakeLine}, and an HTTP client for it. */
final class StatusPort implements AutoCloseable {

    static final String TOKEN = "tok-5f0c1d2e3b4a59687766554433221100";

    final FakeLine line = new FakeLine();
    final MemoryHistory history = new MemoryHistory();
    final EdgeMetrics metrics = new EdgeMetrics();
    final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final StatusServer server;
    final HttpClient http = HttpClient.newHttpClient();

    /** A status port whose token file (in {@code dir}) holds {@link #TOKEN}. */
    static StatusPort withToken(Path dir) {
        return new StatusPort(tokenFile(dir));
    }

    /** A status port without a token file: controls disabled. */
    static StatusPort withoutToken() {
        return new StatusPort((Path) null);
    }

    /**
     * A status port whose token file (in {@code dir}) holds {@code tokenFileText}, its config changed by
     * {@code tweak} (host names, the wrong-token limit).
     */
    static StatusPort with(Path dir, String tokenFileText, UnaryOperator<StatusConfig> tweak) {
        return new StatusPort(tweak.apply(new StatusConfig("127.0.0.1", 0, tokenFile(dir, tokenFileText), 10_000)));
    }

    private StatusPort(Path tokenFile) {
        this(new StatusConfig("127.0.0.1", 0, tokenFile, 10_000));
    }

    private StatusPort(StatusConfig config) {
        server = StatusServer.start(config, line, line, history, metrics, loop);
    }

    private static Path tokenFile(Path dir) {
        return tokenFile(dir, TOKEN + "\n");
    }

    private static Path tokenFile(Path dir, String text) {
        try {
            return Files.writeString(dir.resolve("status.token"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    HttpResponse<String> post(String path, String authorization, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
