package io.yima.config;

import io.yima.common.UserFacingException;

/** A configuration error; the message starts with the offending field's path, e.g. {@code lines[0].printer.uri: …}. */
public final class ConfigException extends UserFacingException {
    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException at(String path, String problem) {
        return new ConfigException(path + ": " + problem);
    }
}
