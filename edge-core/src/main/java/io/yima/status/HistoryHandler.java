package io.yima.status;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The dashboard's reads beyond the live snapshot: {@code GET /api/ui} (thresholds the page applies),
 * {@code /api/jobs} (recent jobs with their accounts), {@code /api/jobs/{id}/codes.csv|codes.json} (streamed, see
 * {@link JobDownload}), {@code /api/activations/failed}, {@code /api/audit}, and the last label of a line:
 * {@code /api/lines/{id}/label} (what it was, or {@code printed: false}), {@code label.png} (its image),
 * {@code label.prn} (the exact bytes).
 * Everything but {@code /api/ui} touches the vault or encodes an image and runs on the {@link BlockingWork} pool.
 * A code download without an {@code Authorization} header lists only the codes the job accounted for; with a valid
 * token it lists all of them, with a wrong one it is refused like a control (401, 429 when locked out).
 */
final class HistoryHandler extends RouteHandler {

    static final int MAX_JOBS = 100;
    static final int MAX_AUDIT = 200;

    private final StatusHistory history;
    private final StatusSource source;
    private final StatusConfig config;
    private final TokenGate gate;
    private final BlockingWork blocking;
    private SocketAddress remote;

    HistoryHandler(StatusHistory history, StatusSource source, StatusConfig config, TokenGate gate,
                   BlockingWork blocking) {
        this.history = history;
        this.source = source;
        this.config = config;
        this.gate = gate;
        this.blocking = blocking;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        remote = ctx.channel().remoteAddress();
    }

    private enum Endpoint { UI, JOBS, CODES_CSV, CODES_JSON, FAILED, AUDIT, LABEL, LABEL_PNG, LABEL_PRN }

    private static Endpoint match(List<String> path) {
        if (path.size() < 2 || !path.get(0).equals("api")) {
            return null;
        }
        if (path.size() == 2) {
            return switch (path.get(1)) {
                case "ui" -> Endpoint.UI;
                case "jobs" -> Endpoint.JOBS;
                case "audit" -> Endpoint.AUDIT;
                default -> null;
            };
        }
        if (path.equals(List.of("api", "activations", "failed"))) {
            return Endpoint.FAILED;
        }
        if (path.size() == 4 && path.get(1).equals("jobs")) {
            return switch (path.get(3)) {
                case "codes.csv" -> Endpoint.CODES_CSV;
                case "codes.json" -> Endpoint.CODES_JSON;
                default -> null;
            };
        }
        if (path.size() == 4 && path.get(1).equals("lines")) {
            return switch (path.get(3)) {
                case "label" -> Endpoint.LABEL;
                case "label.png" -> Endpoint.LABEL_PNG;
                case "label.prn" -> Endpoint.LABEL_PRN;
                default -> null;
            };
        }
        return null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !request.decoderResult().isFailure()
                && HttpMethod.GET.equals(request.method())) {
            List<String> path = segments(request.uri());
            Endpoint e = match(path);
            if (e == Endpoint.CODES_CSV || e == Endpoint.CODES_JSON) {
                boolean unaccounted = false;
                if (request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
                    TokenGate.Verdict verdict = gate.check(remote, request);
                    if (!(verdict instanceof TokenGate.Admitted)) {
                        try {
                            HttpReply.send(ctx, request, gate.refusal(verdict));
                        } finally {
                            request.release();
                        }
                        return;
                    }
                    unaccounted = true;
                }
                JobDownload download = new JobDownload(history, path.get(2),
                        e == Endpoint.CODES_CSV ? JobDownload.Format.CSV : JobDownload.Format.JSON, unaccounted);
                if (!blocking.execute(() -> download.stream(ctx, request))) {
                    try {
                        HttpReply.send(ctx, request, HttpReply.error(HttpResponseStatus.SERVICE_UNAVAILABLE,
                                "busy: too many requests waiting for the vault, try again"));
                    } finally {
                        request.release();
                    }
                }
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        Endpoint e = match(path);
        if (e == null) {
            return null;
        }
        if (!HttpMethod.GET.equals(request.method())) {
            return HttpReply.methodNotAllowed("GET");
        }
        return ui(); // the only endpoint answered here; the others go through routeLater
    }

    @Override
    protected CompletionStage<FullHttpResponse> routeLater(FullHttpRequest request, List<String> path) {
        Endpoint e = match(path);
        if (e == null || e == Endpoint.UI || !HttpMethod.GET.equals(request.method())) {
            return null;
        }
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        return switch (e) {
            case JOBS -> blocking.run(() -> HttpReply.json(HttpResponseStatus.OK,
                    Map.of("jobs", history.recentJobs(limit(query, 20, MAX_JOBS)))));
            case FAILED -> blocking.run(() -> HttpReply.json(HttpResponseStatus.OK,
                    Map.of("failed", history.failedActivations(limit(query, 20, MAX_JOBS)))));
            case AUDIT -> blocking.run(() -> HttpReply.json(HttpResponseStatus.OK,
                    Map.of("entries", history.auditTail(limit(query, 20, MAX_AUDIT)))));
            case LABEL, LABEL_PNG, LABEL_PRN -> blocking.run(() -> label(e, path.get(2)));
            default -> CompletableFuture.completedFuture(HttpReply.error(HttpResponseStatus.NOT_FOUND,
                    "no such endpoint"));
        };
    }

    private FullHttpResponse ui() {
        return HttpReply.json(HttpResponseStatus.OK, Map.of(
                "reject_amber_percent", config.rejectAmberPercent(),
                "reject_red_percent", config.rejectRedPercent(),
                "stale_after_seconds", seconds(config.staleAfter()),
                "controls", gate.configured()));
    }

    /** Whole seconds as a whole number, as the page has always read them; 2.5 for {@code stale_after: 2500ms}. */
    private static Number seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? (Number) d.toSeconds() : (Number) (d.toMillis() / 1000.0);
    }

    private FullHttpResponse label(Endpoint e, String line) {
        var preview = history.lastLabel(line);
        if (preview.isEmpty()) {
            if (source.snapshot().lines().stream().noneMatch(l -> l.id().equals(line))) {
                return HttpReply.error(HttpResponseStatus.NOT_FOUND, "no line " + line);
            }
            // a line that has not printed yet is a normal state, not an error the browser should log
            return e == Endpoint.LABEL ? HttpReply.json(HttpResponseStatus.OK, Map.of("line", line, "printed", false))
                    : HttpReply.error(HttpResponseStatus.NOT_FOUND, "line " + line + " has not printed a label yet");
        }
        StatusHistory.LabelPreview p = preview.get();
        return switch (e) {
            case LABEL_PNG -> HttpReply.of(HttpResponseStatus.OK, "image/png", p.png());
            case LABEL_PRN -> {
                FullHttpResponse r = HttpReply.of(HttpResponseStatus.OK, "application/octet-stream",
                        p.printerBytes());
                r.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"label-"
                        + p.application() + "-" + p.index() + "." + p.language() + "\"");
                yield r;
            }
            default -> HttpReply.json(HttpResponseStatus.OK, Map.of("line", p.line(), "printed", true, "application",
                    p.application(), "index", p.index(), "code", p.code(), "at", p.at(), "language", p.language(),
                    "bytes", p.printerBytes().length));
        };
    }

    /** {@code ?limit=N} within [1, max], else the default: a client cannot ask for the whole vault. */
    private static int limit(Map<String, List<String>> query, int dflt, int max) {
        List<String> v = query.get("limit");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Math.max(1, Math.min(max, Integer.parseInt(v.get(0))));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
