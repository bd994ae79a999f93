package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packing hierarchy on the status port. {@code GET /api/codes/{code}/tree} (read-only, for a handheld or a
 * warehouse system) answers the case or pallet holding the code and, for a case code or SSCC, its children; the
 * rework controls {@code POST /api/cases/{code}/unpack} (body {@code {"reason":…}}), {@code /replace}
 * ({@code {"old":…,"new":…}}) and {@code /void} ({@code {"reason":…}}) change the vault. All of them need the
 * bearer token, like the controls ({@link TokenGate}: 401, 429 when locked out); every rework that passed the
 * token is in the audit log with who asked and the outcome, the operator being the token's holder. The vault work
 * runs on the {@link BlockingWork} pool, never on this thread.
 */
final class PackingHandler extends RouteHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PackingHandler.class);
    /** Longest code a peer may name: a 361-cell matrix as 0/1 text (a URL or an SSCC is shorter). */
    static final int MAX_CODE = 400;
    static final int MAX_REASON = 200;

    private final PackingControls packing;
    private final TokenGate gate;
    private final BlockingWork blocking;
    private final StatusHistory audit;
    private SocketAddress remote;

    PackingHandler(PackingControls packing, TokenGate gate, BlockingWork blocking, StatusHistory audit) {
        this.packing = packing;
        this.gate = gate;
        this.blocking = blocking;
        this.audit = audit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        remote = ctx.channel().remoteAddress();
    }

    private enum Endpoint {
        TREE("tree"), UNPACK("unpack case"), REPLACE("replace in case"), VOID("void case");

        final String action;

        Endpoint(String action) {
            this.action = action;
        }
    }

    private static Endpoint match(List<String> path) {
        if (path.size() != 4 || !path.get(0).equals("api")) {
            return null;
        }
        if (path.get(1).equals("codes") && path.get(3).equals("tree")) {
            return Endpoint.TREE;
        }
        if (!path.get(1).equals("cases")) {
            return null;
        }
        return switch (path.get(3)) {
            case "unpack" -> Endpoint.UNPACK;
            case "replace" -> Endpoint.REPLACE;
            case "void" -> Endpoint.VOID;
            default -> null;
        };
    }

    @Override
    protected FullHttpResponse route(FullHttpRequest request, List<String> path) {
        return null; // answered by routeLater
    }

    @Override
    protected CompletionStage<FullHttpResponse> routeLater(FullHttpRequest request, List<String> path) {
        Endpoint e = match(path);
        if (e == null) {
            return null;
        }
        HttpMethod wanted = e == Endpoint.TREE ? HttpMethod.GET : HttpMethod.POST;
        if (!wanted.equals(request.method())) {
            return done(HttpReply.methodNotAllowed(wanted.name()));
        }
        TokenGate.Verdict verdict = gate.check(remote, request);
        if (!(verdict instanceof TokenGate.Admitted admitted)) {
            return done(gate.refusal(verdict));
        }
        String code = path.get(2).strip();
        if (code.isEmpty() || code.length() > MAX_CODE) {
            return done(HttpReply.error(HttpResponseStatus.BAD_REQUEST, "the code must be 1 to " + MAX_CODE
                    + " characters"));
        }
        if (e == Endpoint.TREE) {
            return blocking.run(() -> tree(code));
        }
        Map<String, String> body;
        try {
            body = body(request, e);
        } catch (BadBody b) {
            return done(HttpReply.error(HttpResponseStatus.BAD_REQUEST, b.getMessage()));
        }
        String who = PeerText.escape(admitted.holder(), 40);
        return blocking.run(() -> rework(e, code, body, who));
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    private FullHttpResponse tree(String code) {
        try {
            Optional<Object> t = packing.tree(code);
            return t.isPresent() ? HttpReply.json(HttpResponseStatus.OK, t.get())
                    : HttpReply.error(HttpResponseStatus.NOT_FOUND, "no code " + PeerText.escape(code, 80)
                            + " in the vault");
        } catch (PackingControls.Refused r) {
            return refused(r);
        }
    }

    private FullHttpResponse rework(Endpoint e, String code, Map<String, String> body, String who) {
        FullHttpResponse response;
        String outcome;
        Map<String, String> entry = new LinkedHashMap<>();
        try {
            Object unit = switch (e) {
                case UNPACK -> packing.unpack(code, who, body.get("reason"));
                case REPLACE -> packing.replace(code, body.get("old"), body.get("new"), who);
                case VOID -> packing.voidCase(code, who, body.get("reason"));
                case TREE -> throw new IllegalStateException("tree is not a rework");
            };
            response = HttpReply.json(HttpResponseStatus.OK, unit);
            outcome = "done";
            LOG.info("status port: {} {} done, by {}", e.action, PeerText.escape(code, 80), who);
        } catch (PackingControls.Refused r) {
            response = refused(r);
            outcome = "refused: " + r.getMessage();
            entry.put("refusal", r.reason());
        }
        try {
            entry.put("action", e.action);
            entry.put("target", PeerText.escape(code, 80));
            body.forEach((k, v) -> entry.put(k, PeerText.escape(v, 80)));
            entry.put("by", who);
            entry.put("outcome", PeerText.escape(outcome, 200));
            audit.audit("CONTROL", entry);
        } catch (RuntimeException ex) {
            LOG.warn("status port: could not write the audit entry for {} by {}: {}", e.action, who, ex.toString());
        }
        return response;
    }

    private static FullHttpResponse refused(PackingControls.Refused r) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", r.getMessage());
        body.put("reason", r.reason());
        return HttpReply.json(r.notFound() ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.CONFLICT, body);
    }

    /** The rework's fields, each a short string; {@code old} and {@code new} are required for a replace. */
    private static Map<String, String> body(FullHttpRequest request, Endpoint e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (request.content().readableBytes() == 0) {
            if (e == Endpoint.REPLACE) {
                throw new BadBody("body must be a JSON object {\"old\":…,\"new\":…}");
            }
            return out;
        }
        JsonNode node;
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            node = StatusJson.MAPPER.readTree(in);
        } catch (IOException ex) {
            throw new BadBody("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new BadBody("body must be a JSON object");
        }
        List<String> fields = e == Endpoint.REPLACE ? List.of("old", "new") : List.of("reason");
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                if (e == Endpoint.REPLACE) {
                    throw new BadBody(f + ": the code is required");
                }
                continue;
            }
            int max = f.equals("reason") ? MAX_REASON : MAX_CODE;
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
                throw new BadBody(f + ": must be text of 1 to " + max + " characters");
            }
            out.put(f, v.asText().strip());
        }
        return out;
    }

    private static final class BadBody extends RuntimeException {
        BadBody(String message) {
            super(message);
        }
    }
}
