package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.yima.cli.UserFacingException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code yima-edge status}: the dashboard in the terminal, read from a running edge's status port. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print a running edge's status: lines, devices, jobs, vault stock, activation outbox.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "The edge's status port, e.g. http://127.0.0.1:8080 or just 127.0.0.1:8080"
                    + " (default: ${DEFAULT-VALUE}).")
    String url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        URI endpoint = baseUri(url).resolve("/api/status");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UserFacingException("cannot reach the status port at " + url + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is the edge running, and is --url right?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new UserFacingException(endpoint + " answered HTTP " + response.statusCode());
        }
        JsonNode status;
        try {
            status = StatusJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UserFacingException(endpoint + " did not answer with status JSON; is --url an edge?");
        }
        spec.commandLine().getOut().print(StatusText.render(status));
        spec.commandLine().getOut().flush();
        return 0;
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
            throw new UserFacingException("--url '" + t + "' is not a status port address; write it as"
                    + " http://HOST:PORT or HOST:PORT, e.g. 127.0.0.1:8080");
        }
    }
}
