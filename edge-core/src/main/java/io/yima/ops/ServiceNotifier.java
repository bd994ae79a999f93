package io.yima.ops;

import java.util.Map;

/**
 * Tells the service manager how the daemon is doing: ready to work, still alive (watchdog), stopping. Outside
 * systemd (a technician running {@code java -jar} by hand) every call does nothing.
 */
public interface ServiceNotifier {

    void ready(String status);

    void watchdog();

    void stopping();

    void status(String text);

    ServiceNotifier NONE = new ServiceNotifier() {
        @Override
        public void ready(String status) {
        }

        @Override
        public void watchdog() {
        }

        @Override
        public void stopping() {
        }

        @Override
        public void status(String text) {
        }
    };

    /** A {@link SystemdNotify} when systemd gave us a notify socket ({@code Type=notify}), else {@link #NONE}. */
    static ServiceNotifier fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        return socket == null || socket.isBlank() ? NONE : new SystemdNotify(env);
    }
}
