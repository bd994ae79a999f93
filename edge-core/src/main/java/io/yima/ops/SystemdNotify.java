package io.yima.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify through the {@code systemd-notify} tool. The notify socket is an AF_UNIX datagram socket, which
 * the JDK 17 cannot open (it has AF_UNIX stream channels only), and a JNI or JNA binding would be a native
 * dependency on the line PC for one message every few seconds. {@code systemd-notify} (systemd 246 and later)
 * waits until systemd has received the message (BARRIER=1), so it is attributed to our unit even though the
 * sender exits at once; the unit sets {@code NotifyAccess=all} because the sender is our child, not the main PID.
 *
 * <p>Calls block for the few milliseconds the tool takes; callers keep them off the Netty event loop.
 */
public final class SystemdNotify implements ServiceNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    private static final long TIMEOUT_SECONDS = 10;

    private final Map<String, String> env;
    private final String tool;

    SystemdNotify(Map<String, String> env) {
        this(env, "systemd-notify");
    }

    SystemdNotify(Map<String, String> env, String tool) {
        this.env = Map.copyOf(env);
        this.tool = tool;
    }

    @Override
    public void ready(String status) {
        send("READY=1", "STATUS=" + status);
    }

    @Override
    public void watchdog() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping() {
        send("STOPPING=1");
    }

    @Override
    public void status(String text) {
        send("STATUS=" + text);
    }

    /** Sends the assignments; true when systemd-notify reported success. */
    boolean send(String... assignments) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(assignments));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("NOTIFY_SOCKET", env.get("NOTIFY_SOCKET"));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warn("systemd-notify {} timed out", assignments[0]);
                return false;
            }
            if (p.exitValue() != 0) {
                LOG.warn("systemd-notify {} failed (exit {}): {}", assignments[0], p.exitValue(),
                        new String(output).strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("systemd-notify {} could not run: {}", assignments[0], e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
