package io.yima.upstream;

/** One attempt failed in a way a retry may fix: -1, HTTP 5xx, a timeout, a connection error or a garbled answer. */
final class TransientFailure extends Exception {
    final Integer errcode;

    TransientFailure(Integer errcode, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.errcode = errcode;
    }
}
