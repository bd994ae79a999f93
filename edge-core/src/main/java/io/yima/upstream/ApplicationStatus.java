package io.yima.upstream;

import java.util.List;

/** The {@code applycodequery} answer; {@code codeGenerateList} is only meaningful once {@link #finished()}. */
public record ApplicationStatus(Long applicationId, String isvApplicationId, String status,
                                List<CodeRange> codeGenerateList, Long createTime, Long updateTime) {
    public ApplicationStatus {
        codeGenerateList = codeGenerateList == null ? List.of() : List.copyOf(codeGenerateList);
    }

    /** Only "FINISH" is documented; every other status is treated as still generating. */
    public boolean finished() {
        return "FINISH".equals(status);
    }

    public long codeCount() {
        return codeGenerateList.stream().mapToLong(CodeRange::length).sum();
    }
}
