package io.yima.status;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The read-only endpoints: {@code GET /api/status}, {@code /api/jobs/{id}}, {@code /metrics}, {@code /health}.
 * No authentication: they show nothing secret (the snapshot holds no key or token by contract).
 */
final class ReadApiHandler extends RouteHandler {

    private final StatusSource source;
    private final EdgeMetrics metrics;
    private final LowStock lowStock;
    private final BlockingWork blocking;

    ReadApiHandler(StatusSource source, EdgeMetrics metrics, long lowStockWarning) {
        this(source, metrics, new LowStock(lowStockWarning, lowStockWarning / 5, java.time.Clock.systemUTC()),
                BlockingWork.inline());
    }

    ReadApiHandler(StatusSource source, EdgeMetrics metrics, LowStock lowStock, BlockingWork blocking) {
        this.blocking = blocking;
        this.source = source;
        this.metrics = metrics;
        this.lowStock = lowStock;
    }

    /** A job report (SQLite) and health (a disk write probe) are built on the blocking pool. */
    @Override
    protected CompletionStage<FullHttpResponse> routeLater(FullHttpRequest request, List<String> path) {
        Endpoint endpoint = match(path);
        if ((endpoint == Endpoint.JOB || endpoint == Endpoint.HEALTH) && HttpMethod.GET.equals(request.method())) {
            return blocking.run(() -> endpoint == Endpoint.JOB ? job(path.get(2)) : health());
        }
        return null;
    }

    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        Endpoint endpoint = match(path);
        if (endpoint == null) {
            return null;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return HttpReply.methodNotAllowed("GET");
        }
        return switch (endpoint) {
            case STATUS -> HttpReply.json(HttpResponseStatus.OK, lowStock.apply(source.snapshot()));
            case JOB -> job(path.get(2));
            case METRICS -> HttpReply.of(HttpResponseStatus.OK, metrics.contentType(), metrics.scrape());
            case HEALTH -> health();
        };
    }

    private enum Endpoint { STATUS, JOB, METRICS, HEALTH }

    private static Endpoint match(List<String> path) {
        if (path.equals(List.of("api", "status"))) {
            return Endpoint.STATUS;
        }
        if (path.size() == 3 && path.get(0).equals("api") && path.get(1).equals("jobs")) {
            return Endpoint.JOB;
        }
        if (path.equals(List.of("metrics"))) {
            return Endpoint.METRICS;
        }
        if (path.equals(List.of("health"))) {
            return Endpoint.HEALTH;
        }
        return null;
    }

    private FullHttpResponse job(String jobId) {
        Optional<Object> report = source.jobReport(jobId);
        return report.isPresent()
                ? HttpReply.json(HttpResponseStatus.OK, report.get())
                : HttpReply.error(HttpResponseStatus.NOT_FOUND, "no job " + jobId);
    }

    private FullHttpResponse health() {
        HealthReport health = source.health();
        return HttpReply.json(health.healthy() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                health);
    }
}
