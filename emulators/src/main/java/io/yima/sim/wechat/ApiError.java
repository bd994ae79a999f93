package io.yima.sim.wechat;

/** A documented errcode answer; thrown by request validation and turned into {@code {errcode, errmsg}}. */
final class ApiError extends RuntimeException {
    final int errcode;

    ApiError(int errcode, String errmsg) {
        super(errmsg, null, false, false);
        this.errcode = errcode;
    }

    static ApiError malformed(String errmsg) {
        return new ApiError(47001, "data format error hint: " + errmsg);
    }
}
