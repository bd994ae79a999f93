package io.yima.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real systemd-notify against a real AF_UNIX datagram socket standing in for systemd's. The receiver is a
 * few lines of Perl (perl-base is essential on Debian) because the JDK cannot open datagram AF_UNIX sockets;
 * like systemd, it drops the BARRIER=1 file descriptor, which is what lets systemd-notify return.
 */
class SystemdNotifyIT {

    private static final String RECEIVER = """
            use Socket;
            socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
            bind($s, pack_sockaddr_un($ARGV[0])) or die "bind: $!";
            $| = 1;
            print "bound\\n";
            while (defined(recv($s, my $msg, 4096, 0))) { print "$msg\\n"; }
            """;

    @TempDir
    Path dir;
    private Process receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Path socket;

    @BeforeEach
    void listen() throws Exception {
        Path script = Files.writeString(dir.resolve("recv.pl"), RECEIVER);
        socket = dir.resolve("notify.sock");
        receiver = new ProcessBuilder("perl", script.toString(), socket.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("bound");
        Thread reader = new Thread(() -> out.lines().forEach(received::add), "notify-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() {
        receiver.destroy();
    }

    @Test
    void readyWatchdogAndStoppingReachTheNotifySocket() {
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString()));
        assertThat(notifier).isInstanceOf(SystemdNotify.class);

        notifier.ready("line L1 running");
        notifier.watchdog();
        notifier.stopping();

        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("STOPPING=1"));
        assertThat(received).containsSubsequence("READY=1", "STATUS=line L1 running", "WATCHDOG=1", "STOPPING=1");
    }

    @Test
    void aMissingSocketIsReportedNotThrown() {
        SystemdNotify notifier = new SystemdNotify(Map.of("NOTIFY_SOCKET", dir.resolve("gone.sock").toString()));
        assertThat(notifier.send("WATCHDOG=1")).isFalse();
    }

    @Test
    void withoutANotifySocketNothingIsSent() {
        assertThat(ServiceNotifier.fromEnvironment(Map.of())).isSameAs(ServiceNotifier.NONE);
    }
}
