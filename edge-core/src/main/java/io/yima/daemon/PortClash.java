package io.yima.daemon;

import io.yima.common.UserFacingException;
import java.net.BindException;

/**
 * A port the edge cannot listen on, said in the config's words: which field, which address and port, and the
 * likely cause. Netty rethrows the JDK's BindException undeclared, so the cause chain is searched for it.
 */
final class PortClash {
    interface Start<T> {
        T run() throws Exception;
    }

    private PortClash() {
    }

    static <T> T explain(String field, String bind, int port, Start<T> start) throws InterruptedException {
        try {
            return start.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException && port > 0 && port < 1024 && t.getMessage() != null
                        && t.getMessage().toLowerCase().contains("permission denied")) {
                    throw new UserFacingException(field + ": cannot listen on " + bind + ":" + port + " (permission"
                            + " denied): ports below 1024 need root or the capability CAP_NET_BIND_SERVICE (systemd:"
                            + " AmbientCapabilities=CAP_NET_BIND_SERVICE); or use a port of 1024 or more");
                }
                if (t instanceof BindException) {
                    throw new UserFacingException(field + ": cannot listen on " + bind + ":" + port + " ("
                            + (t.getMessage() == null ? "address not available" : t.getMessage().toLowerCase())
                            + "); another program, a second edge or another line already uses it, or the address"
                            + " is not one of this PC's");
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }
}
