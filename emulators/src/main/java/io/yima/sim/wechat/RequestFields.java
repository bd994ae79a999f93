package io.yima.sim.wechat;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict reading of request fields: a missing field or a wrong JSON type is errcode 47001, naming the field. */
final class RequestFields {
    private final JsonNode body;

    RequestFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.malformed("request body must be a JSON object");
        }
        this.body = body;
    }

    boolean has(String name) {
        return body.hasNonNull(name);
    }

    long number(String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            throw ApiError.malformed("missing " + name);
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiError.malformed(name + " must be an integer");
        }
        return v.longValue();
    }

    String text(String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            throw ApiError.malformed("missing " + name);
        }
        if (!v.isTextual()) {
            throw ApiError.malformed(name + " must be a string");
        }
        if (v.textValue().isEmpty()) {
            throw ApiError.malformed(name + " must not be empty");
        }
        return v.textValue();
    }
}
