package io.yima.vault;

/** Names one code by its application and index. */
public record CodeRef(long applicationId, long index) {
}
