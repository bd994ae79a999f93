package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technician's controls: {@code POST /api/lines/{id}/pause|resume}, {@code /api/jobs/{id}/close},
 * {@code /api/codes/void}, {@code /api/activations/retry}. Checks run in this order so that nothing changes
 * unless all pass: POST (else 405), bearer token (else 401), body (else 400), then the daemon's own
 * refusal (404 / 409 from {@link LineControlException}).
 */
final class ControlHandler extends RouteHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    private final LineControls controls;
    private final BearerToken token;
    private final BlockingWork blocking;

    ControlHandler(LineControls controls, BearerToken token) {
        this(controls, token, BlockingWork.inline());
    }

    ControlHandler(LineControls controls, BearerToken token, BlockingWork blocking) {
        this.controls = controls;
        this.token = token;
        this.blocking = blocking;
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
        if (!HttpMethod.POST.equals(request.method())) {
            return CompletableFuture.completedFuture(HttpReply.methodNotAllowed("POST"));
        }
        if (!token.admits(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            // counted and logged at a bounded rate by RefusedResponses (a flood of bad tokens is one line per 10 s)
            LOG.debug("status port: refused {} without a valid bearer token", control);
            FullHttpResponse refused = HttpReply.error(HttpResponseStatus.UNAUTHORIZED,
                    token.configured() ? "valid bearer token required"
                            : "controls are disabled: no status.token_file configured");
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"yima-edge\"");
            return CompletableFuture.completedFuture(refused);
        }
        return blocking.run(() -> apply(control, path, request));
    }

    private FullHttpResponse apply(Control control, List<String> path, FullHttpRequest request) {
        try {
            FullHttpResponse response = change(control, path, request);
            LOG.info("status port: {} {} done", control, path);
            return response;
        } catch (LineControlException e) {
            return HttpReply.error(e.kind() == LineControlException.Kind.NOT_FOUND
                    ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.CONFLICT, e.getMessage());
        } catch (BadBody e) {
            return HttpReply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private enum Control { PAUSE, RESUME, CLOSE_JOB, VOID_CODES, RETRY_ACTIVATIONS }

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
                    throw new BadBody("from must not be greater than to");
                }
                yield ok(Map.of("voided", controls.voidRange(application, from, to)));
            }
            case RETRY_ACTIVATIONS -> ok(Map.of("retried", controls.retryFailedActivations()));
        };
    }

    private static FullHttpResponse ok(Object body) {
        return HttpReply.json(HttpResponseStatus.OK, body);
    }

    private static JsonNode body(FullHttpRequest request) {
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            JsonNode node = StatusJson.MAPPER.readTree(in);
            if (node == null || !node.isObject()) {
                throw new BadBody("body must be a JSON object {\"application\":…,\"from\":…,\"to\":…}");
            }
            return node;
        } catch (IOException e) {
            throw new BadBody("body is not valid JSON");
        }
    }

    private static long field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new BadBody(name + ": must be a non-negative integer");
        }
        return value.asLong();
    }

    /** A request body the technician must fix; the message names the field. */
    private static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }
}
