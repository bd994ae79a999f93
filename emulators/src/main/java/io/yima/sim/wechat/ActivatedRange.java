package io.yima.sim.wechat;

import java.util.Map;

/** A {@code codeactive} call the emulator accepted; {@code fields} are the activation fields as sent. */
public record ActivatedRange(long applicationId, long codeStart, long codeEnd, Map<String, Object> fields, long time) {

    public boolean covers(long applicationId, long index) {
        return this.applicationId == applicationId && index >= codeStart && index <= codeEnd;
    }

    public long length() {
        return codeEnd - codeStart + 1;
    }
}
