package io.yima.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.yima.common.UserFacingException;
import io.yima.config.ConfigException;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.status.StatusConfig;
import io.yima.status.StatusJson;
import io.yima.status.StatusText;
import io.yima.status.TerminalLines;
import io.yima.status.TerminalWords;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code yima-edge status}: the dashboard in the terminal, read from a running edge's status port, in the
 * technician's language. Its exit code is for scripts and monitoring: 0 all lines fine, 1 a line is in FAULT,
 * 2 no fresh data (the status port cannot be reached or does not answer with status).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print a running edge's status: lines, devices, jobs, vault stock, activation outbox,"
                + " MQTT export, OPC UA, and each adapter (PLC ports, Modbus links, OPC UA, MQTT, the status port)"
                + " online, offline or in config error, with why.",
                "Exit code: 0 every line fine, 1 a line is in FAULT, 2 stale data or the edge cannot be reached."})
public final class StatusCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAULT = 1;
    static final int EXIT_STALE = 2;
    private static final String DEFAULT_URL = "http://127.0.0.1:" + StatusConfig.DEFAULT_PORT;

    @Option(names = "--url", description = "The edge's status port, e.g. http://127.0.0.1:8080 or just 127.0.0.1:8080"
            + " (default: the port of --config, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The edge's config file: the status port is read from its status: section.")
    Path config;

    @Option(names = "--lang", paramLabel = "zh|en",
            description = "Language of the output (default: from LC_ALL, LC_MESSAGES or LANG; English if none is zh).")
    String lang;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "2", paramLabel = "SECONDS",
            description = "Refresh every SECONDS (default 2) until Ctrl-C; the exit code is the last refresh's.")
    Integer watchSeconds;

    @Option(names = "--count", paramLabel = "N", hidden = false,
            description = "With --watch: stop after N refreshes (for scripts).")
    Integer count;

    @Spec
    CommandSpec spec;

    /** The process environment; a test gives its own. */
    private final Map<String, String> env;

    public StatusCommand() {
        this(System.getenv());
    }

    public StatusCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        TerminalWords words = new TerminalWords(language());
        URI endpoint = baseUri(address()).resolve("/api/status");
        int width = width();
        PrintWriter out = spec.commandLine().getOut();
        if (watchSeconds == null) {
            Poll poll = poll(endpoint, words);
            if (poll.status == null) {
                spec.commandLine().getErr().println("error: " + poll.problem);
                spec.commandLine().getErr().flush();
                return EXIT_STALE;
            }
            out.print(StatusText.render(poll.status, words, width));
            out.flush();
            return StatusText.exitCode(poll.status);
        }
        if (watchSeconds < 1 || watchSeconds > 3600) {
            throw noData("--watch " + watchSeconds + ": give a refresh interval of 1 to 3600 seconds");
        }
        boolean clear = System.console() != null;
        JsonNode last = null;
        Instant lastAt = null;
        int exit = EXIT_STALE;
        for (int i = 0; count == null || i < count; i++) {
            if (i > 0) {
                TimeUnit.SECONDS.sleep(watchSeconds); // the refresh interval the technician asked for
            }
            Poll poll = poll(endpoint, words);
            StringBuilder screen = new StringBuilder();
            if (clear) {
                screen.append("\033[H\033[2J");
            }
            if (poll.status != null) {
                last = poll.status;
                lastAt = Instant.now();
                screen.append(StatusText.render(last, words, width));
                exit = StatusText.exitCode(last);
            } else {
                if (last != null) {
                    screen.append(StatusText.render(last, words, width)).append(System.lineSeparator());
                    long quiet = Duration.between(lastAt, Instant.now()).toSeconds();
                    screen.append(new TerminalLines(width).line(words.f("staleData", quiet, clock(lastAt))));
                }
                screen.append(new TerminalLines(width).line(poll.problem));
                exit = EXIT_STALE;
            }
            screen.append(new TerminalLines(width).line(words.t(exit == EXIT_OK ? "verdict.ok"
                    : exit == EXIT_FAULT ? "verdict.fault" : "verdict.stale")));
            out.print(screen);
            out.flush();
        }
        return exit;
    }

    /** One read of the status port: the status JSON, or why there is none (in the terminal's language). */
    private record Poll(JsonNode status, String problem) {
    }

    private static Poll poll(URI endpoint, TerminalWords words) {
        String base = endpoint.resolve("/").toString();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Poll(null, words.f("unreachable", base,
                    e.getMessage() == null ? "no answer" : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Poll(null, words.f("unreachable", base, "interrupted"));
        }
        if (response.statusCode() != 200) {
            return new Poll(null, words.f("unreachable", base, "HTTP " + response.statusCode()));
        }
        try {
            JsonNode status = StatusJson.MAPPER.readTree(response.body());
            if (status == null || !status.has("lines")) {
                throw new IOException("not status");
            }
            return new Poll(status, null);
        } catch (IOException e) {
            return new Poll(null, words.f("unreachable", base, "no status JSON; is this an edge?"));
        }
    }

    private TerminalWords.Lang language() {
        if (lang == null) {
            return TerminalWords.Lang.fromEnvironment(env);
        }
        return switch (lang.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "zh", "zh-cn", "zh_cn", "cn" -> TerminalWords.Lang.ZH;
            case "en" -> TerminalWords.Lang.EN;
            default -> throw noData("--lang '" + lang + "': use zh or en");
        };
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it; 80 otherwise. */
    private int width() {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
            return c >= 40 ? c : TerminalLines.DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return TerminalLines.DEFAULT_WIDTH;
        }
    }

    /** {@code --url} when given, else the status port of {@code --config}, else the default port. */
    private String address() {
        if (url != null) {
            return url;
        }
        if (config == null) {
            return DEFAULT_URL;
        }
        EdgeConfig c;
        try {
            c = ConfigLoader.load(config);
        } catch (ConfigException e) {
            throw noData(e.getMessage());
        }
        return addressOf(c.status(), config);
    }

    /** Where a status section can be reached from this machine: a wildcard bind is reached on loopback. */
    static String addressOf(StatusConfig status, Path file) {
        if (status.port() == 0) {
            throw noData(file + ": status.port is 0 (the edge picks a free port at start);"
                    + " give the port it printed with --url");
        }
        String host = status.bind();
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress()) {
                host = a instanceof java.net.Inet6Address ? "::1" : "127.0.0.1";
            }
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
        } catch (UnknownHostException e) {
            // a host name the resolver does not know here: let the connection say so
        }
        return "http://" + host + ":" + status.port();
    }

    /** A refusal with exit code 2: a monitoring script reads it as "no fresh data", never as "all fine". */
    private static UserFacingException noData(String message) {
        return new UserFacingException(message, EXIT_STALE, null);
    }

    private static String clock(Instant at) {
        return LocalTime.ofInstant(at, ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    /** A technician types {@code 127.0.0.1:8080} as often as the full URL: both mean the same port. */
    static URI baseUri(String text) {
        String t = text.strip();
        String withScheme = t.contains("://") ? t : "http://" + t;
        try {
            URI u = new URI(withScheme);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new URISyntaxException(t, "no host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw noData("--url '" + t + "' is not a status port address; write it as"
                    + " http://HOST:PORT or HOST:PORT, e.g. 127.0.0.1:8080");
        }
    }
}
