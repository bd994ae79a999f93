package io.yima.upstream;

/** Supplies the access token for marketcode calls. */
public interface TokenSource {
    /** A token believed valid; fetches one if none is cached. */
    String token();

    /** The API rejected {@code stale}; the next {@link #token()} gets a fresh one unless another caller already did. */
    void invalidate(String stale);
}
