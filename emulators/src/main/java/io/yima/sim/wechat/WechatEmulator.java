package io.yima.sim.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.yima.sim.forge.PackageForge;

/**
 * The WeChat API as the edge sees it: {@code GET /cgi-bin/token} and {@code POST /intp/marketcode/*} on
 * 127.0.0.1, with expiring tokens, asynchronous generation, real encrypted packages, recorded activations and
 * fault injection ({@link #faults()}). Talks to the edge only over HTTP.
 */
public final class WechatEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WechatEmulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle and delayed ACKs add
        // ~40 ms to every answer, which would make the emulator, not the edge, the bottleneck in benchmarks.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * @param appid / secret the credentials {@code /cgi-bin/token} accepts (null appid accepts any pair)
     * @param key the 16-character package key
     * @param rangeSize codes per entry of {@code code_generate_list}
     */
    public record Settings(int port, String appid, String secret, String key, Duration tokenLifetime,
                           Duration tokenGrace, Duration generationDelay, long rangeSize, CodePackages packages,
                           Path stateFile) {
        public static Settings forTests(String key) {
            return new Settings(0, null, null, key, Duration.ofHours(2), Duration.ofMinutes(5), Duration.ZERO,
                    10_000, PackageForge::base64Package, null);
        }

        public Settings withPort(int p) {
            return new Settings(p, appid, secret, key, tokenLifetime, tokenGrace, generationDelay, rangeSize, packages, stateFile);
        }

        public Settings withCredentials(String a, String s) {
            return new Settings(port, a, s, key, tokenLifetime, tokenGrace, generationDelay, rangeSize, packages, stateFile);
        }

        public Settings withTokens(Duration lifetime, Duration grace) {
            return new Settings(port, appid, secret, key, lifetime, grace, generationDelay, rangeSize, packages, stateFile);
        }

        public Settings withGenerationDelay(Duration d) {
            return new Settings(port, appid, secret, key, tokenLifetime, tokenGrace, d, rangeSize, packages, stateFile);
        }

        public Settings withPackages(CodePackages p) {
            return new Settings(port, appid, secret, key, tokenLifetime, tokenGrace, generationDelay, rangeSize, p, stateFile);
        }

        public Settings withStateFile(Path f) {
            return new Settings(port, appid, secret, key, tokenLifetime, tokenGrace, generationDelay, rangeSize, packages, f);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final TokenIssuer tokens;
    private final EmulatorState state;
    private final MarketcodeEndpoints endpoints;
    private final FaultPlan faults = new FaultPlan(42);
    private final List<CallRecord> calls = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wechat-emulator");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;

    public WechatEmulator(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public WechatEmulator(Settings settings, Clock clock) {
        PackageCipher.keyBytes(settings.key());
        this.settings = settings;
        this.clock = clock;
        this.tokens = new TokenIssuer(clock, settings.tokenLifetime(), settings.tokenGrace());
        this.state = new EmulatorState(settings.stateFile());
        this.endpoints = new MarketcodeEndpoints(state, clock, settings);
    }

    /**
     * Registers an application generated outside the emulator (e.g. by the package forge), finished and ready,
     * so the edge can activate its codes; its packages are the forge's for that application id.
     */
    public WechatEmulator adoptApplication(long applicationId, long codeCount) {
        state.adopt(applicationId, "adopted-" + applicationId, codeCount, System.currentTimeMillis(), settings.rangeSize());
        return this;
    }

    public WechatEmulator start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port()), 64);
        server.setExecutor(workers);
        server.createContext("/cgi-bin/token", this::token);
        server.createContext("/intp/marketcode/", this::marketcode);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Every call received so far, oldest first (token fetches included, as endpoint {@code token}). */
    public synchronized List<CallRecord> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<CallRecord> calls(String endpoint) {
        return calls.stream().filter(c -> c.endpoint().equals(endpoint)).toList();
    }

    public List<ActivatedRange> activations() {
        return state.activations();
    }

    public int tokensIssued() {
        return tokens.issuedCount();
    }

    /** Changes token lifetime and grace from now on, for expiry tests. */
    public void tokenTiming(Duration lifetime, Duration grace) {
        tokens.lifetime(lifetime);
        tokens.grace(grace);
    }

    /** Registers the ticket a mini program would receive when {@code openid} scans the code at (application, index). */
    public void scan(String openid, String ticket, long applicationId, long index) {
        state.ticket(openid, ticket, applicationId, index);
    }

    public Optional<EmulatedApplication> application(long applicationId) {
        return state.application(applicationId);
    }

    @Override
    public void close() {
        stopping.countDown();
        if (server != null) {
            server.stop(0);
        }
        workers.shutdownNow();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex);
            ObjectNode out;
            if (!"GET".equals(ex.getRequestMethod())) {
                out = error(43002, "require GET method");
            } else if (!"client_credential".equals(q.get("grant_type"))) {
                out = error(40002, "invalid grant_type");
            } else if (q.get("appid") == null || q.get("secret") == null) {
                out = error(41002, "appid or secret missing");
            } else if (settings.appid() != null && !settings.appid().equals(q.get("appid"))) {
                out = error(40013, "invalid appid");
            } else if (settings.secret() != null && !settings.secret().equals(q.get("secret"))) {
                out = error(40125, "invalid appsecret");
            } else {
                out = JSON.createObjectNode().put("access_token", tokens.issue())
                        .put("expires_in", tokens.lifetimeSeconds());
            }
            record("token", "", out.path("errcode").asInt(0), null);
            send(ex, 200, "application/json", JSON.writeValueAsBytes(out));
        }
    }

    private void marketcode(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring("/intp/marketcode/".length());
            byte[] raw = readBody(ex.getRequestBody());
            String body = new String(raw, StandardCharsets.UTF_8);
            if (!MarketcodeEndpoints.NAMES.contains(name)) {
                send(ex, 404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<Fault> fault = faults.draw();
            if (fault.isPresent() && fault.get() != Fault.SLOW) {
                record(name, body, fault.get().errcode() == 0 ? null : fault.get().errcode(), fault.get());
                injure(ex, fault.get());
                return;
            }
            if (fault.isPresent()) {
                hold(faults.slowDelay());
            }
            ObjectNode out = answer(ex, name, raw);
            record(name, body, out.path("errcode").asInt(), null);
            send(ex, 200, "application/json", JSON.writeValueAsBytes(out));
        } catch (RuntimeException e) {
            log.warn("emulator failed on {}", ex.getRequestURI().getPath(), e);
            send(ex, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode answer(HttpExchange ex, String name, byte[] raw) {
        if (!"POST".equals(ex.getRequestMethod())) {
            return error(43002, "require POST method");
        }
        int tokenCheck = tokens.check(query(ex).get("access_token"));
        if (tokenCheck != TokenIssuer.OK) {
            return error(tokenCheck, switch (tokenCheck) {
                case 41001 -> "access_token missing";
                case 42001 -> "access_token expired";
                default -> "invalid credential, access_token is invalid or not latest";
            });
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return error(47001, "data format error hint: body is not JSON");
        }
        try {
            return endpoints.handle(name, body);
        } catch (ApiError e) {
            return error(e.errcode, e.getMessage());
        }
    }

    private void injure(HttpExchange ex, Fault fault) throws IOException {
        switch (fault) {
            case HTTP_500 -> send(ex, 500, "text/plain", "Internal Server Error".getBytes(StandardCharsets.UTF_8));
            case HTML_PAGE -> send(ex, 502, "text/html", ("<html><head><title>502 Bad Gateway</title></head>"
                    + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
                    .getBytes(StandardCharsets.UTF_8));
            case MALFORMED_JSON -> send(ex, 200, "application/json",
                    "{\"errcode\":0,\"errmsg\":\"ok\",\"application_id\":".getBytes(StandardCharsets.UTF_8));
            case TIMEOUT -> hold(faults.timeoutHold());
            default -> send(ex, 200, "application/json", JSON.writeValueAsBytes(error(fault.errcode(),
                    fault.name().toLowerCase().replace('_', ' ') + " (injected)")));
        }
    }

    private void hold(Duration d) {
        try {
            stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(String endpoint, String body, Integer errcode, Fault fault) {
        calls.add(new CallRecord(endpoint, body, errcode, fault));
    }

    private static ObjectNode error(int errcode, String errmsg) {
        return JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
