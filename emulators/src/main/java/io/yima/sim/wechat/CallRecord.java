package io.yima.sim.wechat;

/**
 * One request the emulator received: the endpoint name ({@code token} or a marketcode name), the JSON body as
 * received, the errcode answered (null when a fault replaced the answer) and the fault applied, if any.
 */
public record CallRecord(String endpoint, String body, Integer errcode, Fault fault) {

    public boolean succeeded() {
        return fault == null && errcode != null && errcode == 0;
    }
}
