package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technician's controls: {@code POST /api/lines/{id}/pause|resume}, {@code /api/jobs/{id}/close},
 * {@code /api/codes/void}, {@code /api/activations/retry}. Checks run in this order so that nothing changes
 * unless all pass: POST (else 405), bearer token (else 401, or 429 after too many wrong ones from the same address,
 * see {@link TokenGate}), body (else 400), then the daemon's own refusal (404 / 409 from
 * {@link LineControlException}). Every control that passed the token check is written to the audit log with who
 * asked, what, and the outcome; who asked is the holder of the token used (its name in the token file), never a
 * name the browser sends. {@code GET /api/session} checks a token for the dashboard's login form without changing
 * anything and answers whose token it is.
 */
final class ControlHandler extends RouteHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    private final LineControls controls;
    private final TokenGate gate;
    private final BlockingWork blocking;
    private final StatusHistory audit;
    /** The last void's count, for its audit entry (controls of one connection run one at a time). */
    private volatile long lastVoided;
    /** This connection's peer: wrong tokens are counted per source address. */
    private SocketAddress remote;

    ControlHandler(LineControls controls, BearerToken token) {
        this(controls, TokenGate.unlimited(token), BlockingWork.inline(), StatusHistory.none());
    }

    ControlHandler(LineControls controls, TokenGate gate, BlockingWork blocking, StatusHistory audit) {
        this.controls = controls;
        this.gate = gate;
        this.blocking = blocking;
        this.audit = audit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        remote = ctx.channel().remoteAddress();
    }

    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        return null; // every control is answered by routeLater
    }

    /** Checks run here; the change itself (vault, a line's thread) runs on the blocking pool. */
    @Override
    protected CompletionStage<FullHttpResponse> routeLater(FullHttpRequest request, List<String> path) {
        Control control = match(path);
        if (control == null) {
            return null;
        }
        if (control == Control.SESSION) {
            if (!HttpMethod.GET.equals(request.method())) {
                return CompletableFuture.completedFuture(HttpReply.methodNotAllowed("GET"));
            }
            TokenGate.Verdict verdict = gate.check(remote, request);
            return CompletableFuture.completedFuture(verdict instanceof TokenGate.Admitted a
                    ? HttpReply.json(HttpResponseStatus.OK, Map.of("controls", true, "operator", a.holder()))
                    : gate.refusal(verdict));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return CompletableFuture.completedFuture(HttpReply.methodNotAllowed("POST"));
        }
        TokenGate.Verdict verdict = gate.check(remote, request);
        if (!(verdict instanceof TokenGate.Admitted admitted)) {
            // counted and logged at a bounded rate by RefusedResponses (a flood of bad tokens is one line per 10 s)
            LOG.debug("status port: refused {} without a valid bearer token", control);
            return CompletableFuture.completedFuture(gate.refusal(verdict));
        }
        return blocking.run(() -> apply(control, path, request, PeerText.escape(admitted.holder(), 40)));
    }

    private FullHttpResponse apply(Control control, List<String> path, FullHttpRequest request, String who) {
        String target = path.size() > 2 && control != Control.VOID_CODES && control != Control.RETRY_ACTIVATIONS
                ? PeerText.escape(path.get(2)) : "";
        FullHttpResponse response;
        String outcome;
        Map<String, String> entry = new java.util.LinkedHashMap<>();
        try {
            if (control == Control.VOID_CODES && isDryRun(request)) {
                return change(control, path, request); // a question, not a change: not audited
            }
            if (control == Control.VOID_CODES) { // a refused void is on record with its range too
                JsonNode b = body(request);
                entry.put("application", Long.toString(field(b, "application")));
                entry.put("from", Long.toString(field(b, "from")));
                entry.put("to", Long.toString(field(b, "to")));
            }
            response = change(control, path, request);
            outcome = "done";
            if (control == Control.VOID_CODES) {
                entry.put("voided", Long.toString(lastVoided));
            }
            LOG.info("status port: {} {} done, by {}", control, PeerText.escape(String.valueOf(path)), who);
        } catch (LineControlException e) {
            response = HttpReply.refusal(e.kind() == LineControlException.Kind.NOT_FOUND
                    ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.CONFLICT, e.code(), e.params(), e.getMessage());
            outcome = "refused: " + e.getMessage();
            if (e.code() != null) { // the audit panel words the refusal from its code too
                entry.put("refusal", e.code().key());
                e.params().forEach((k, v) -> entry.put("refusal_" + k, PeerText.escape(v, 80)));
            }
        } catch (BadBody e) {
            return HttpReply.refusal(HttpResponseStatus.BAD_REQUEST, e.code, e.params, e.getMessage());
        }
        try {
            // a void names its range in fields of their own (the dashboard words them), never the raw request body
            entry.put("action", control.action);
            entry.put("target", target);
            entry.put("by", who);
            entry.put("outcome", PeerText.escape(outcome, 200));
            audit.audit("CONTROL", entry);
        } catch (RuntimeException e) {
            // the change happened; a failed audit write must not hide that from the technician
            LOG.warn("status port: could not write the audit entry for {} by {}: {}", control, who, e.toString());
        }
        return response;
    }

    private enum Control {
        PAUSE("pause"), RESUME("resume"), CLOSE_JOB("close job"), VOID_CODES("void range"),
        RETRY_ACTIVATIONS("retry activations"), SESSION("session");

        final String action;

        Control(String action) {
            this.action = action;
        }
    }

    private static Control match(List<String> path) {
        if (path.size() == 4 && path.get(0).equals("api") && path.get(1).equals("lines")) {
            return switch (path.get(3)) {
                case "pause" -> Control.PAUSE;
                case "resume" -> Control.RESUME;
                default -> null;
            };
        }
        if (path.size() == 4 && path.get(0).equals("api") && path.get(1).equals("jobs")
                && path.get(3).equals("close")) {
            return Control.CLOSE_JOB;
        }
        if (path.equals(List.of("api", "codes", "void"))) {
            return Control.VOID_CODES;
        }
        if (path.equals(List.of("api", "activations", "retry"))) {
            return Control.RETRY_ACTIVATIONS;
        }
        if (path.equals(List.of("api", "session"))) {
            return Control.SESSION;
        }
        return null;
    }

    private FullHttpResponse change(Control control, List<String> path, FullHttpRequest request) {
        return switch (control) {
            case PAUSE -> {
                controls.pause(path.get(2));
                yield ok(Map.of("line", path.get(2), "state", "PAUSED"));
            }
            case RESUME -> {
                controls.resume(path.get(2));
                yield ok(Map.of("line", path.get(2), "state", "RESUMED"));
            }
            case CLOSE_JOB -> {
                controls.closeJob(path.get(2));
                yield ok(Map.of("job", path.get(2), "state", "CLOSED"));
            }
            case VOID_CODES -> {
                JsonNode body = body(request);
                long application = field(body, "application");
                long from = field(body, "from");
                long to = field(body, "to");
                if (from > to) {
                    throw new BadBody(RefusalCode.RANGE_REVERSED, "from must not be greater than to");
                }
                Map<String, Long> states = controls.rangeStates(application, from, to);
                JsonNode dryRun = body.get("dry_run");
                if (dryRun != null && dryRun.asBoolean()) { // the confirmation's question: nothing changes
                    yield ok(Map.of("would_void", states.getOrDefault("AVAILABLE", 0L), "states", states));
                }
                int voided = controls.voidRange(application, from, to);
                lastVoided = voided;
                yield ok(VoidAnswer.of(voided, states));
            }
            case RETRY_ACTIVATIONS -> ok(Map.of("retried", controls.retryFailedActivations()));
            case SESSION -> throw new IllegalStateException("session is answered before any change");
        };
    }

    private static boolean isDryRun(FullHttpRequest request) {
        try {
            JsonNode d = body(request).get("dry_run");
            return d != null && d.asBoolean();
        } catch (BadBody e) {
            return false; // change() answers the bad body
        }
    }

    private static FullHttpResponse ok(Object body) {
        return HttpReply.json(HttpResponseStatus.OK, body);
    }

    private static JsonNode body(FullHttpRequest request) {
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            JsonNode node = StatusJson.MAPPER.readTree(in);
            if (node == null || !node.isObject()) {
                throw new BadBody(RefusalCode.BODY_NOT_OBJECT,
                        "body must be a JSON object {\"application\":…,\"from\":…,\"to\":…}");
            }
            return node;
        } catch (IOException e) {
            throw new BadBody(RefusalCode.BODY_NOT_JSON, "body is not valid JSON");
        }
    }

    private static long field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new BadBody(RefusalCode.FIELD_NOT_COUNT, name + ": must be a non-negative integer", name);
        }
        return value.asLong();
    }

    /** A request body the technician must fix; the message names the field. */
    private static final class BadBody extends RuntimeException {
        final RefusalCode code;
        final Map<String, String> params;

        BadBody(RefusalCode code, String message, Object... values) {
            super(message);
            this.code = code;
            this.params = LineControlException.named(code, values);
        }
    }
}
