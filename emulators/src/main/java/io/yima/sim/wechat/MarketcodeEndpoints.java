package io.yima.sim.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The six {@code /intp/marketcode/*} endpoints over {@link EmulatorState}; validation errors are thrown as {@link ApiError}. */
final class MarketcodeEndpoints {
    static final List<String> NAMES = List.of("applycode", "applycodequery", "applycodedownload", "codeactive",
            "codeactivequery", "tickettocode");
    static final long MAX_CODE_COUNT = 20_000_000L;
    private static final List<String> ACTIVATION_TEXT_FIELDS = List.of("activity_name", "product_brand",
            "product_title", "product_code", "wxa_appid", "wxa_path");

    private final EmulatorState state;
    private final CodeDirectory directory = new CodeDirectory();
    private final Clock clock;
    private final WechatEmulator.Settings settings;

    MarketcodeEndpoints(EmulatorState state, Clock clock, WechatEmulator.Settings settings) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    ObjectNode handle(String name, JsonNode body) {
        RequestFields req = new RequestFields(body);
        return switch (name) {
            case "applycode" -> applyCode(req);
            case "applycodequery" -> applyCodeQuery(req);
            case "applycodedownload" -> download(req);
            case "codeactive" -> activate(req);
            case "codeactivequery" -> activeQuery(req);
            case "tickettocode" -> ticketToCode(req);
            default -> throw new ApiError(404, "unknown api " + name);
        };
    }

    CodeDirectory directory() {
        return directory;
    }

    private ObjectNode applyCode(RequestFields req) {
        long count = req.number("code_count");
        String isvId = req.text("isv_application_id");
        if (count < 10_000 || count % 10_000 != 0 || count > MAX_CODE_COUNT) {
            throw ApiError.malformed("code_count must be a multiple of 10000 between 10000 and 20000000");
        }
        EmulatedApplication app = state.apply(isvId, count, clock.millis(), settings.generationDelay().toMillis(),
                settings.rangeSize());
        if (app.codeCount() != count) {
            throw ApiError.malformed("isv_application_id " + isvId + " already used with code_count " + app.codeCount());
        }
        return ok().put("application_id", app.applicationId());
    }

    private ObjectNode applyCodeQuery(RequestFields req) {
        EmulatedApplication app;
        if (req.has("application_id")) {
            app = application(req.number("application_id"));
        } else if (req.has("isv_application_id")) {
            String isvId = req.text("isv_application_id");
            app = state.applicationByIsvId(isvId).orElseThrow(() -> notOwned("isv_application_id " + isvId));
        } else {
            throw ApiError.malformed("missing application_id or isv_application_id");
        }
        ObjectNode out = ok();
        boolean finished = app.finished(clock.millis());
        out.put("status", finished ? "FINISH" : "PROCESSING");
        out.put("isv_application_id", app.isvApplicationId());
        out.put("application_id", app.applicationId());
        out.put("create_time", app.createTime());
        out.put("update_time", (finished ? app.finishAtMillis() : clock.millis()) / 1000);
        var list = out.putArray("code_generate_list");
        if (finished) {
            for (long[] r : app.generateList()) {
                list.addObject().put("code_start", r[0]).put("code_end", r[1]);
            }
        }
        return out;
    }

    private ObjectNode download(RequestFields req) {
        EmulatedApplication app = application(req.number("application_id"));
        long start = req.number("code_start");
        long end = req.number("code_end");
        requireFinished(app);
        requireRange(app, start, end);
        String buffer = settings.packages().base64Package(app.applicationId(), start, end, settings.key());
        directory.learn(app.applicationId(), PackageCipher.decrypt(buffer, settings.key()));
        return ok().put("buffer", buffer);
    }

    private ObjectNode activate(RequestFields req) {
        EmulatedApplication app = application(req.number("application_id"));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String f : ACTIVATION_TEXT_FIELDS) {
            fields.put(f, req.text(f));
        }
        if (req.has("wxa_type")) {
            long type = req.number("wxa_type");
            if (type < 0 || type > 2) {
                throw ApiError.malformed("wxa_type must be 0, 1 or 2");
            }
            fields.put("wxa_type", (int) type);
        }
        long start = req.number("code_start");
        long end = req.number("code_end");
        requireFinished(app);
        requireRange(app, start, end);
        state.activate(new ActivatedRange(app.applicationId(), start, end, fields, clock.millis() / 1000));
        return ok();
    }

    private ObjectNode activeQuery(RequestFields req) {
        CodeDirectory.Entry entry;
        if (req.has("application_id")) {
            EmulatedApplication app = application(req.number("application_id"));
            long index = req.number("code_index");
            if (!app.contains(index)) {
                throw ApiError.malformed("code_index " + index + " is outside the application");
            }
            entry = directory.at(app.applicationId(), index)
                    .orElse(new CodeDirectory.Entry(app.applicationId(), index, null, null));
        } else if (req.has("code_url")) {
            String url = req.text("code_url");
            entry = directory.url(url).orElseThrow(() -> ApiError.malformed("unknown code_url"));
        } else if (req.has("code")) {
            String code = req.text("code");
            entry = directory.code(code).orElseThrow(() -> ApiError.malformed("unknown code"));
        } else {
            throw ApiError.malformed("missing application_id and code_index, code_url or code");
        }
        return describe(entry);
    }

    private ObjectNode ticketToCode(RequestFields req) {
        String openid = req.text("openid");
        String ticket = req.text("code_ticket");
        long[] at = state.ticket(openid, ticket).orElseThrow(() -> ApiError.malformed("invalid code_ticket"));
        return describe(directory.at(at[0], at[1]).orElse(new CodeDirectory.Entry(at[0], at[1], null, null)));
    }

    private ObjectNode describe(CodeDirectory.Entry entry) {
        ObjectNode out = ok();
        out.put("application_id", entry.applicationId());
        out.put("code_index", entry.index());
        if (entry.code() != null) {
            out.put("code", entry.code());
            out.put("code_url", entry.url());
        }
        state.activationOf(entry.applicationId(), entry.index()).ifPresent(a -> {
            a.fields().forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(k, n.longValue());
                } else {
                    out.put(k, String.valueOf(v));
                }
            });
            out.put("code_start", a.codeStart());
            out.put("code_end", a.codeEnd());
        });
        return out;
    }

    private EmulatedApplication application(long id) {
        return state.application(id).orElseThrow(() -> notOwned("application_id " + id));
    }

    private void requireFinished(EmulatedApplication app) {
        if (!app.finished(clock.millis())) {
            throw ApiError.malformed("application " + app.applicationId() + " is still generating");
        }
    }

    private static void requireRange(EmulatedApplication app, long start, long end) {
        if (start > end || !app.contains(start) || !app.contains(end)) {
            throw ApiError.malformed("code_start..code_end " + start + ".." + end
                    + " is outside the application (0.." + (app.codeCount() - 1) + ")");
        }
    }

    private static ApiError notOwned(String what) {
        return new ApiError(80301, what + " does not belong to this account");
    }

    static ObjectNode ok() {
        return JsonNodeFactory.instance.objectNode().put("errcode", 0).put("errmsg", "ok");
    }
}
